import { describe, expect, it } from 'vitest';
import type { GraphQLScalarType} from 'graphql';
import { Kind } from 'graphql';
import { schema } from '../../src/schema/index.js';

const scalar = (name: string) => schema.getType(name) as GraphQLScalarType;

describe('Decimal', () => {
  const d = scalar('Decimal');
  it('serialises money as a string, never a float', () => {
    expect(d.serialize('24606.35')).toBe('24606.35');
    expect(d.serialize(16)).toBe('16');
    expect(d.parseValue('-14.40')).toBe('-14.40');
    expect(d.parseLiteral({ kind: Kind.STRING, value: '0.5' })).toBe('0.5');
  });
  it('refuses what is not a number', () => {
    expect(() => d.parseValue('12,50')).toThrow(/Decimal expects/);
    expect(() => d.serialize(Number.NaN)).toThrow(/Decimal expects/);
    expect(() => d.parseLiteral({ kind: Kind.BOOLEAN, value: true })).toThrow(/string literal/);
  });
});

describe('DateTime', () => {
  const t = scalar('DateTime');
  it('normalises to ISO-8601 UTC', () => {
    expect(t.serialize('2021-08-18T17:29:52.3517492Z')).toBe('2021-08-18T17:29:52.351Z');
    expect(t.parseValue('2019-01-16T00:48:44.76+02:00')).toBe('2019-01-15T22:48:44.760Z');
  });
  it('refuses dates without a time or that do not parse', () => {
    expect(() => t.parseValue('2021-08-18')).toThrow(/DateTime expects/);
    expect(() => t.parseValue('tomorrow')).toThrow(/DateTime expects/);
    expect(() => t.serialize(12)).toThrow(/DateTime expects/);
  });
});
