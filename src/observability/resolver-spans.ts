// A span per resolver that calls Partner Center, and none for the others. A browse resolves
// thousands of fields of which a few dozen cause upstream calls, and a span for each field would
// cost more than the work it measures. So each resolver of an object-typed or root field runs
// with a small record in an AsyncLocalStorage; when an upstream attempt starts inside it (the
// loader's batch runs in the async context of the first resolver that asked), the record becomes
// a span, back-dated to when the resolver started, under the operation's span; the attempt's span
// is its child. Resolvers that read only the cache or their parent leave no span.
import { AsyncLocalStorage } from 'node:async_hooks';
import { getNamedType, isLeafType, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { contextTraceOf, type RequestTrace } from './request-trace.js';

class ResolverRecord {
  private span: Span | undefined;
  /** performance.now() at the start: the SDK's clock is the time origin plus it, so back-dated starts line up. */
  private readonly startedAt = performance.now();
  /** What the resolver returned or threw, once it has, and when. */
  private outcome: { value: unknown; threw: boolean; at: number } | undefined;

  constructor(
    readonly request: RequestTrace,
    private readonly tracer: Tracer,
    private readonly info: GraphQLResolveInfo,
  ) {}

  /** The context an upstream attempt inside this resolver descends from: its span, made on first use. */
  spanContext(): Context {
    if (!this.span) {
      const { parentType, fieldName, path } = this.info;
      this.span = this.tracer.startSpan(
        `${parentType.name}.${fieldName}`,
        {
          kind: SpanKind.INTERNAL,
          startTime: performance.timeOrigin + this.startedAt,
          attributes: { 'graphql.field.name': fieldName, 'graphql.field.path': pathOf(path), 'graphql.parent.type': parentType.name },
        },
        this.request.context,
      );
      if (this.outcome) this.follow(this.span, this.outcome);
    }
    return trace.setSpan(this.request.context, this.span);
  }

  /**
   * The resolver returned (or threw). Only a resolver that has a span needs to know when its
   * result settles, so the others cost no promise handler.
   */
  returned(value: unknown, threw: boolean): void {
    this.outcome = { value, threw, at: performance.now() };
    if (this.span) this.follow(this.span, this.outcome);
  }

  private follow(span: Span, { value, threw, at }: NonNullable<ResolverRecord['outcome']>): void {
    const failed = () => span.setStatus({ code: SpanStatusCode.ERROR });
    if (!threw && isThenable(value)) {
      value.then(
        () => span.end(),
        () => {
          failed();
          span.end();
        },
      );
      return;
    }
    if (threw || value instanceof Error) failed();
    span.end(performance.timeOrigin + at);
  }
}

const current = new AsyncLocalStorage<ResolverRecord>();

/** The resolver an upstream attempt of `request` starts in, if it is one of that request's. */
export function resolverOf(request: RequestTrace): ResolverRecord | undefined {
  const record = current.getStore();
  return record?.request === request ? record : undefined;
}

function pathOf(path: GraphQLResolveInfo['path']): string {
  const parts: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = path; p; p = p.prev) parts.push(p.key);
  return parts.reverse().join('.');
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

const WRAPPED = Symbol('pcgw.resolver-span');
type Wrapped = GraphQLFieldResolver<unknown, unknown> & { [WRAPPED]?: true };
const instrumented = new WeakSet<GraphQLSchema>();

/**
 * Wraps the schema's resolvers, in place and once per schema (schemas are module singletons): a
 * request without a recording trace goes straight to the resolver after one WeakMap look-up per
 * object field, so gateways in the same process that do not trace (tests) are not affected, and
 * each tracing gateway's spans go to its own tracer (the request's).
 */
export function instrumentResolvers(schema: GraphQLSchema): void {
  if (instrumented.has(schema)) return;
  instrumented.add(schema);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as Wrapped | undefined;
      // Leaf fields read their parent (scalars, enums); the upstream work sits in object fields and root fields.
      if (!resolve || resolve[WRAPPED] || (!roots.has(type) && isLeafType(getNamedType(field.type)))) continue;
      const traced: Wrapped = (source, args, contextValue, info) => {
        const request = contextTraceOf(contextValue);
        if (!request?.tracer || !request.recording) return resolve(source, args, contextValue, info);
        const record = new ResolverRecord(request, request.tracer, info);
        let result: unknown;
        try {
          // graphql-js calls resolvers without a `this`, and so does this.
          result = current.run(record, resolve, source, args, contextValue, info);
        } catch (err) {
          record.returned(err, true);
          throw err;
        }
        record.returned(result, false);
        return result;
      };
      traced[WRAPPED] = true;
      field.resolve = traced;
    }
  }
}
