// The printed schema is committed and must match the code; it must contain the minimum public
// contract (schema/contract.graphql, a copy of the design's contract) for every part built so far.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLType,
  isNonNullType,
  isListType,
} from 'graphql';
import { printedSchema, schema } from '../../src/schema/index.js';

const read = (p: string) => readFileSync(new URL(`../../schema/${p}`, import.meta.url), 'utf8');
const contract = buildSchema(read('contract.graphql'));

// Parts of the contract not built yet. Both lists may only shrink; they are empty once the whole
// contract is served.
const NOT_YET = new Set<string>([]);
const NOT_YET_FIELDS = new Set<string>([]);

/** Whether `actual` may stand where the contract says `wanted` (non-null may tighten nullable). */
function compatible(wanted: GraphQLType, actual: GraphQLType, output: boolean): boolean {
  if (isNonNullType(wanted)) return isNonNullType(actual) && compatible(wanted.ofType, actual.ofType, output);
  if (isNonNullType(actual)) return output && compatible(wanted, actual.ofType, output);
  if (isListType(wanted)) return isListType(actual) && compatible(wanted.ofType, actual.ofType, output);
  return !isListType(actual) && (wanted as GraphQLNamedType).name === (actual as GraphQLNamedType).name;
}

function missingFrom(type: GraphQLNamedType): string[] {
  const problems: string[] = [];
  const ours = schema.getType(type.name);
  if (!ours) return [`type ${type.name}`];
  if (isEnumType(type)) {
    if (!isEnumType(ours)) return [`${type.name} is not an enum`];
    for (const v of type.getValues()) if (!ours.getValue(v.name)) problems.push(`${type.name}.${v.name}`);
  }
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const fields = (ours as typeof type).getFields() as Record<string, { type: GraphQLType; args?: readonly { name: string; type: GraphQLType }[] }>;
    for (const f of Object.values(type.getFields())) {
      if (NOT_YET_FIELDS.has(`${type.name}.${f.name}`)) continue;
      const mine = fields[f.name];
      if (!mine) {
        problems.push(`${type.name}.${f.name}`);
        continue;
      }
      if (!compatible(f.type, mine.type, !isInputObjectType(type))) problems.push(`${type.name}.${f.name}: ${String(mine.type)} vs ${String(f.type)}`);
      for (const a of 'args' in f ? f.args : []) {
        const arg = mine.args?.find((x) => x.name === a.name);
        if (!arg) problems.push(`${type.name}.${f.name}(${a.name})`);
        else if (!compatible(a.type, arg.type, false)) problems.push(`${type.name}.${f.name}(${a.name}): ${String(arg.type)} vs ${String(a.type)}`);
      }
    }
  }
  if (isUnionType(type) && !isUnionType(ours)) problems.push(`${type.name} is not a union`);
  return problems;
}

describe('schema/schema.graphql', () => {
  it('is the schema the code prints (run `npm run schema` after changing the schema)', () => {
    expect(read('schema.graphql')).toBe(printedSchema());
  });

  it('contains the contract for every part built so far', () => {
    const problems = Object.values(contract.getTypeMap())
      .filter((t) => !t.name.startsWith('__') && !NOT_YET.has(t.name) && !['String', 'Int', 'Boolean', 'ID', 'Float'].includes(t.name))
      .flatMap(missingFrom);
    expect(problems).toEqual([]);
  });

  it('lists as pending only what is really missing', () => {
    const built = [...NOT_YET].filter((name) => schema.getType(name) !== undefined);
    expect(built).toEqual([]);
  });

  it('describes every type, field, argument and enum value', () => {
    const undocumented: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (t.name.startsWith('__') || ['String', 'Int', 'Boolean', 'ID', 'Float'].includes(t.name)) continue;
      if (!t.description) undocumented.push(t.name);
      if (isEnumType(t)) for (const v of t.getValues()) if (!v.description) undocumented.push(`${t.name}.${v.name}`);
      if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
        for (const f of Object.values(t.getFields())) {
          if (!f.description) undocumented.push(`${t.name}.${f.name}`);
          for (const a of 'args' in f ? f.args : []) if (!a.description) undocumented.push(`${t.name}.${f.name}(${a.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
