// What GraphiQL opens with: a catalog browse that works against the embedded sandbox.
export const EXAMPLE_QUERY = `# Browse the new-commerce catalog: products, their SKUs and where they can be bought.
# The catalogItemId of an availability is what goes into a cart.
query BrowseCatalog {
  products(country: "US", targetView: ONLINE_SERVICES, first: 5) {
    edges {
      node {
        productId
        title
        skus {
          skuId
          title
          minimumQuantity
          maximumQuantity
          availabilities(targetSegment: COMMERCIAL) {
            catalogItemId
            currency { code }
            terms { duration billingCycle description }
          }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}

query CatalogItem {
  catalogItem(catalogItemId: "CFQ7TTC0LH18:0001:CFQ7TTC0K971", country: "US") {
    catalogItemId
    product { title }
    sku { title minimumQuantity maximumQuantity }
    terms { termId duration billingCycle refundPolicies { type expiresAfter } }
  }
}

query Customers {
  customers(first: 10) {
    edges { node { customerId companyName domain } }
    pageInfo { hasNextPage endCursor }
  }
}
`;
