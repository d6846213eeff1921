// The committed subgraph SDL (schema/subgraph.graphql) must match the code and carry every entity
// key the contract lists; the public SDL must not pick up federation types.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { printedSchema, printedSubgraphSchema, schema, subgraphSchema } from '../../src/schema/index.js';
import { FEDERATION_DIRECTIVES, FEDERATION_LINK } from '../../src/schema/federation/subgraph.js';

const read = (p: string) => readFileSync(new URL(`../../schema/${p}`, import.meta.url), 'utf8');

/** The "#   Type @key(fields: "...")" lines at the end of the contract. */
function contractKeys(): { type: string; fields: string }[] {
  return [...read('contract.graphql').matchAll(/^#\s+(\w+)\s+@key\(fields: "([^"]+)"\)/gm)].map((m) => ({ type: m[1] ?? '', fields: m[2] ?? '' }));
}

function directivesOf(doc: DocumentNode, typeName: string): readonly ConstDirectiveNode[] {
  const def = doc.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName);
  return def && def.kind === Kind.OBJECT_TYPE_DEFINITION ? (def.directives ?? []) : [];
}

function keyFields(d: ConstDirectiveNode): string | undefined {
  const arg = d.arguments?.find((a) => a.name.value === 'fields');
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

describe('subgraph schema', () => {
  const sdl = printedSubgraphSchema();
  const doc = parse(sdl);

  it('is committed as schema/subgraph.graphql and current (run `npm run schema:subgraph`)', () => {
    expect(read('subgraph.graphql')).toBe(sdl);
  });

  it('carries every @key of the contract, and no other', () => {
    const wanted = contractKeys();
    expect(wanted).toHaveLength(8);
    for (const { type, fields } of wanted) {
      const keys = directivesOf(doc, type).filter((d) => d.name.value === 'key').map(keyFields);
      expect(keys, type).toEqual([fields]);
    }
    const keyed = doc.definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.directives?.some((x) => x.name.value === 'key'));
    expect(keyed).toHaveLength(wanted.length);
  });

  it('links the federation spec and imports every federation directive it uses', () => {
    const link = doc.definitions.flatMap((d) => (d.kind === Kind.SCHEMA_EXTENSION ? (d.directives ?? []) : [])).find((d) => d.name.value === 'link');
    expect(link && print(link)).toContain(FEDERATION_LINK);
    const used = new Set<string>();
    visit(doc, { Directive: (d) => void (d.name.value !== 'link' && used.add(`@${d.name.value}`)) });
    expect(used).toContain('@key');
    const builtIn = new Set(['@deprecated', '@specifiedBy', '@oneOf']);
    expect([...used].filter((d) => !builtIn.has(d) && !FEDERATION_DIRECTIVES.includes(d))).toEqual([]);
  });

  it('adds _service and _entities to the subgraph schema only', () => {
    const fields = subgraphSchema.getQueryType()?.getFields() ?? {};
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['_service', '_entities']));
    expect(schema.getQueryType()?.getFields()._entities).toBeUndefined();
    expect(printedSchema()).not.toMatch(/_entities|_service|@key|_Any/);
    // Everything public is in the subgraph too.
    for (const name of Object.keys(schema.getTypeMap())) expect(subgraphSchema.getType(name), name).toBeDefined();
  });
});
