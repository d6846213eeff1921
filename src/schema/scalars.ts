// Money is a Decimal serialised as a JSON string ("24606.35"), never a float; dates are ISO-8601 UTC.
import { Kind } from 'graphql';
import { builder } from '../builder.js';
import { invalidInput } from './node.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function toDecimal(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  throw invalidInput(`Decimal expects a number written as a string, e.g. "24606.35"; got ${JSON.stringify(value)}.`);
}

function toDateTime(value: unknown): string {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t) || typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw invalidInput(`DateTime expects an ISO-8601 date-time, e.g. "2026-11-24T10:00:00Z"; got ${JSON.stringify(value)}.`);
  }
  return new Date(t).toISOString();
}

builder.scalarType('Decimal', {
  description: 'An exact decimal number serialised as a string, e.g. "24606.35". Used for money and quantities that may be fractional.',
  serialize: (v) => toDecimal(v),
  parseValue: (v) => toDecimal(v),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return toDecimal(ast.value);
    throw invalidInput('Decimal expects a string literal such as "16.50".');
  },
});

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date-time in UTC, e.g. "2026-11-24T10:00:00.000Z".',
  serialize: (v) => toDateTime(v),
  parseValue: (v) => toDateTime(v),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return toDateTime(ast.value);
    throw invalidInput('DateTime expects a string literal.');
  },
});
