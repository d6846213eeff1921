// Looks ahead into the selection set, so a resolver can start loads its children will need in the
// same tick as its own (architecture rule 3) instead of after it resolves.
import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && inSet(node.selectionSet, name, info.fragments, 0));
}

function inSet(set: SelectionSetNode, name: string, fragments: Record<string, FragmentDefinitionNode>, depth: number): boolean {
  if (depth > 10) return false;
  return set.selections.some((s) => {
    if (s.kind === 'Field') return s.name.value === name;
    if (s.kind === 'InlineFragment') return inSet(s.selectionSet, name, fragments, depth + 1);
    const fragment = fragments[s.name.value];
    return fragment !== undefined && inSet(fragment.selectionSet, name, fragments, depth + 1);
  });
}
