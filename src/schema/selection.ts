// Looks ahead into the selection set, so a resolver can start loads its children will need in the
// same tick as its own (architecture rule 3) instead of after it resolves.
import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && inSet(node.selectionSet, name, info.fragments, 0));
}

/**
 * Whether the selection holds a field outside `names` (through fragments; @skip/@include are not
 * evaluated, so a skipped field counts as selected: callers use this to decide what to load, and
 * loading too much is only slower, never wrong).
 */
export function selectsOtherThan(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && otherInSet(node.selectionSet, names, info.fragments, 0));
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

function otherInSet(set: SelectionSetNode, names: ReadonlySet<string>, fragments: Record<string, FragmentDefinitionNode>, depth: number): boolean {
  // Too deep to look: assume the worst (something else is selected).
  if (depth > 10) return true;
  return set.selections.some((s) => {
    if (s.kind === 'Field') return !names.has(s.name.value);
    if (s.kind === 'InlineFragment') return otherInSet(s.selectionSet, names, fragments, depth + 1);
    const fragment = fragments[s.name.value];
    return fragment !== undefined && otherInSet(fragment.selectionSet, names, fragments, depth + 1);
  });
}
