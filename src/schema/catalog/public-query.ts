// Which queries read nothing but the public catalog: their answer is the same for every caller of
// this partner (for the same document, variables and locale and the same catalog entries), so the
// catalog result cache may keep it. Decided from the document alone: every root field is a catalog
// root and every selected field belongs to a catalog type. A field added to one of these types must
// therefore be public catalog data too, as everything read through catalog.source already must be;
// test/unit/catalog-result-cache.test.ts lists their fields so that such a change is looked at.
import { Kind, TypeInfo, getOperationAST, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

export const PUBLIC_CATALOG_ROOTS: ReadonlySet<string> = new Set(['products', 'product', 'catalogItem', '__typename']);
export const PUBLIC_CATALOG_TYPES: ReadonlySet<string> = new Set([
  'Query',
  'ProductConnection',
  'ProductEdge',
  'PageInfo',
  'Product',
  'ItemType',
  'Sku',
  'Availability',
  'Currency',
  'Term',
  'RefundPolicy',
]);

export function isPublicCatalogQuery(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return false;
  if (!operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && PUBLIC_CATALOG_ROOTS.has(s.name.value))) return false;
  const typeInfo = new TypeInfo(schema);
  let publicOnly = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Only the operation that runs, and every fragment (an unused one can only make this say no).
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field: () => {
        const parent = typeInfo.getParentType();
        if (!parent || !PUBLIC_CATALOG_TYPES.has(parent.name)) publicOnly = false;
      },
    }),
  );
  return publicOnly;
}
