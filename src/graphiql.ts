// What GraphiQL opens with: one document holding every example operation. The execute button asks
// which operation to run. Operations that act on a customer, cart or invoice take the id as a
// variable, so the same text works against the embedded sandbox and against Partner Center; the
// comments say which other example answers with each id.
export const EXAMPLE_QUERY = `# Examples: pick one with the run button. Ids go into the Variables pane (below the editor), e.g.
# { "customerId": "…", "catalogItemId": "…", "cartId": "…", "invoiceId": "…" }

# Browse the new-commerce catalog: products, their SKUs and where they can be bought.
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

# Put one line item in a new cart for a customer.
# customerId: run Customers, copy a customerId into the variables.
# catalogItemId: run BrowseCatalog, copy an availability's catalogItemId into the variables;
# billingCycle and termDuration must be one of that availability's terms.
# The answer's cartId is what CheckoutCart needs.
mutation CreateCart($customerId: ID!, $catalogItemId: String!, $quantity: Int! = 1, $billingCycle: BillingCycle! = MONTHLY, $termDuration: String = "P1M") {
  createCart(input: { customerId: $customerId, lineItems: [{ catalogItemId: $catalogItemId, quantity: $quantity, billingCycle: $billingCycle, termDuration: $termDuration }] }) {
    __typename
    ... on CreateCartPayload {
      cart { cartId status expirationTimestamp lineItems { catalogItemId quantity billingCycle termDuration error { code description } } }
    }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { path message } }
  }
}

# Check the cart out into orders.
# cartId: run CreateCart, copy the cartId of its answer into the variables (same customerId).
# idempotencyKey: optional; a new value (e.g. a UUID) per purchase attempt. Repeating a key
# returns the first result instead of ordering twice.
mutation CheckoutCart($customerId: ID!, $cartId: ID!, $idempotencyKey: String) {
  checkoutCart(input: { customerId: $customerId, cartId: $cartId, idempotencyKey: $idempotencyKey }) {
    __typename
    ... on CheckoutCartPayload {
      orders { orderId status billingCycle currencyCode lineItems { offerId quantity termDuration subscription { subscriptionId status } } }
      orderErrors { orderGroupId code description }
    }
    ... on Error { code message }
  }
}

# A customer's subscriptions. customerId: run Customers, copy a customerId into the variables.
query Subscriptions($customerId: ID!) {
  customer(customerId: $customerId) {
    companyName
    subscriptions(first: 20) {
      edges { node { subscriptionId friendlyName offerId quantity status billingCycle termDuration commitmentEndDate autoRenewEnabled product { title } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}

query Invoices {
  invoices(first: 10) {
    edges { node { invoiceId invoiceDate invoiceType currencyCode totalCharges paidAmount } }
    pageInfo { hasNextPage endCursor }
  }
}

# Reconcile an invoice: its billed line items, who and what each one charged.
# invoiceId: run Invoices, copy an invoiceId into the variables. For the next page, pass the
# endCursor as "after".
query ReconcileInvoice($invoiceId: String!, $first: Int = 50, $after: String) {
  invoice(invoiceId: $invoiceId) {
    invoiceId
    currencyCode
    totalCharges
    billingPeriodStartDate
    billingPeriodEndDate
    reconciliationLineItems(first: $first, after: $after) {
      edges { node { customerName productName skuName chargeType quantity unitPrice subtotal taxTotal totalForCustomer orderId subscriptionId } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`;

// Variables for the examples above that work against the embedded sandbox with its default seed
// (SANDBOX_SEED=1 always seeds the same ids): Alpine Ski House Foods LLC, the first US customer;
// Microsoft 365 Business Basic in the US; the newest USD invoice. The cartId exists only once
// CreateCart has run, so it is left for the user to paste. Yoga's GraphiQLOptions has no
// defaultVariables, and render-graphiql 5.24 ignores the variables of defaultTabs; its renderer
// does pass an untyped `variables` option (JSON text) on as GraphiQL's initial variables.
export const EXAMPLE_VARIABLES = {
  customerId: 'd1c08ef4-738d-423f-87bd-2ff59fde254c',
  catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971',
  cartId: 'paste the cartId CreateCart answered',
  invoiceId: 'G000873413',
} as const;
