import { type INestApplication, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { contractRegistry, PROBLEM_CONTENT_TYPE } from '@thidua/contracts';
import { z } from 'zod';
import { ACCESS_METADATA, type AccessRule } from '../auth/access.decorators';
import { BODY_CONTRACT, QUERY_CONTRACT, RESPONSE_CONTRACT, type ResponseContract } from './openapi.metadata';

/*
 * The OpenAPI document, built from the controllers and the zod contracts they validate and answer with:
 * - @nestjs/swagger lists the routes (paths, path parameters, tags, summaries, multipart bodies);
 * - then every handler of every controller (walked through Nest's module container, so none is missed) gets its
 *   request body and query parameters from `@ZodBody`/`@ZodQuery`, its success answer from `@Returns`/`@ReturnsFile`/
 *   `@ReturnsNothing`, its error answers (RFC 9457 problem documents) and its security from `@Public`/
 *   `@Authenticated`/`@RequireRoles`. A handler without a response contract fails the build of the document.
 * - `components.schemas` holds every schema named in `contractRegistry` (packages/contracts), as zod converts it for
 *   answers; a named schema whose request form differs (defaults, coercion) also gets `<Name>Input`.
 */

type JsonSchema = Record<string, unknown>;
type Operation = OpenAPIObject['paths'][string]['get'] & object;

interface HandlerContract {
  operationId: string;
  controller: string;
  method: string;
  httpMethod: RequestMethod;
  status: number;
  access: AccessRule | undefined;
  response: ResponseContract | undefined;
  body: z.ZodType | undefined;
  query: z.ZodObject | undefined;
}

const COMPONENT = '#/components/schemas/';
const UNDESCRIBED = z.unknown();

/** Reads every route handler of the application's controllers. */
export function handlerContracts(app: INestApplication): HandlerContract[] {
  const found: HandlerContract[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const proto = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const handler = proto[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const httpMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (httpMethod === undefined) continue;
        const httpCode = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
        found.push({
          operationId: `${controller.name}_${method}`,
          controller: controller.name,
          method,
          httpMethod,
          status: httpCode ?? (httpMethod === RequestMethod.POST ? 201 : 200),
          access: (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, controller)) as AccessRule | undefined,
          response: Reflect.getMetadata(RESPONSE_CONTRACT, handler) as ResponseContract | undefined,
          body: Reflect.getMetadata(BODY_CONTRACT, handler) as z.ZodType | undefined,
          query: Reflect.getMetadata(QUERY_CONTRACT, handler) as z.ZodObject | undefined,
        });
      }
    }
  }
  return found;
}

/**
 * Converts the named contracts and the given route schemas in one pass per direction, so that a named schema nested
 * anywhere becomes a `$ref` to its component.
 */
class SchemaConverter {
  private readonly routeIds = new Map<z.ZodType, string>();
  private outputDefs: Record<string, JsonSchema> = {};
  private inputDefs: Record<string, JsonSchema> = {};
  private inputNames = new Map<string, string>();

  constructor(
    outputs: z.ZodType[],
    inputs: z.ZodType[],
  ) {
    const named = new Map<string, z.ZodType>();
    for (const [id, schema] of contractRegistry._idmap) named.set(id, schema as z.ZodType);
    const routeSchemas = [...new Set([...outputs, ...inputs])].filter((s) => !contractRegistry.get(s)?.id);
    routeSchemas.forEach((s, i) => this.routeIds.set(s, `__route_${i}`));

    const convert = (io: 'input' | 'output', uri: (id: string) => string): Record<string, JsonSchema> => {
      const registry = z.registry<{ id: string }>();
      for (const [id, schema] of named) registry.add(schema, { ...contractRegistry.get(schema), id });
      for (const [schema, id] of this.routeIds) registry.add(schema, { id });
      const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', cycles: 'ref', reused: 'inline', uri });
      const out: Record<string, JsonSchema> = {};
      for (const [id, schema] of Object.entries(schemas)) {
        const { $id: _id, $schema: _schema, id: _metaId, ...rest } = schema as JsonSchema;
        out[id] = rest;
      }
      return out;
    };

    this.outputDefs = convert('output', (id) => COMPONENT + id);
    // Input forms: a named schema keeps its component when its input form is the same JSON, else gets `<id>Input`.
    const probe = convert('input', (id) => `${COMPONENT}${id}`);
    for (const id of named.keys()) {
      if (JSON.stringify(probe[id]) !== JSON.stringify(this.outputDefs[id])) this.inputNames.set(id, `${id}Input`);
    }
    this.inputDefs = convert('input', (id) => COMPONENT + (this.inputNames.get(id) ?? id));
  }

  /** `components.schemas`: every named contract, and the input forms that requests refer to. */
  components(usedInputRefs: Set<string>): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (const [id, schema] of Object.entries(this.outputDefs)) if (!id.startsWith('__route_')) out[id] = schema;
    // Input forms, closed over the references they make.
    const pending = [...usedInputRefs];
    while (pending.length) {
      const name = pending.pop()!;
      const id = [...this.inputNames].find(([, input]) => input === name)?.[0];
      if (!id || out[name]) continue;
      out[name] = this.inputDefs[id];
      for (const ref of refsOf(this.inputDefs[id])) pending.push(ref);
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  schema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const id = contractRegistry.get(schema)?.id;
    if (id) return { $ref: COMPONENT + (io === 'input' ? (this.inputNames.get(id) ?? id) : id) };
    const defs = io === 'input' ? this.inputDefs : this.outputDefs;
    return defs[this.routeIds.get(schema)!];
  }
}

function refsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT)) into.add(v.slice(COMPONENT.length));
      else refsOf(v, into);
    }
  }
  return into;
}

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `${COMPONENT}Problem` } } };
const PROBLEM_RESPONSES = {
  BadRequest: 'Invalid input (VALIDATION_FAILED with `fields`, INVALID_TEXT, BAD_REQUEST, IDEMPOTENCY_KEY_INVALID).',
  Unauthenticated: 'No valid access token (UNAUTHENTICATED, TOKEN_EXPIRED).',
  Forbidden: 'The caller may not do this (FORBIDDEN).',
  NotFound: 'No such resource, or one outside the caller\'s scope (NOT_FOUND).',
  Conflict: 'The resource changed or the request repeats one still running (VERSION_CONFLICT, ITEM_CHANGED, IDEMPOTENCY_IN_PROGRESS, …).',
  Unprocessable: 'The request is well-formed but breaks a rule (UNPROCESSABLE, IDEMPOTENCY_KEY_REUSED, …).',
  TooManyRequests: 'Rate limited (RATE_LIMITED, TOO_MANY_ATTEMPTS); see `Retry-After`.',
  Problem: 'Any other error, as a problem document with its stable `code` (e.g. 503 SERVICE_UNAVAILABLE, 500 INTERNAL).',
} as const;
const problemRef = (name: keyof typeof PROBLEM_RESPONSES) => ({ $ref: `#/components/responses/${name}` });

/**
 * `strict` (the CLI behind `npm run openapi`, CI's check and the tests): a handler without a response contract is an
 * error. The running server (`/api/docs`) is built with `strict: false`, so a route added without one does not stop
 * the process; it is documented with an empty success schema until it gets its contract.
 */
export function buildOpenApi(app: INestApplication, { strict = true }: { strict?: boolean } = {}): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('ThiĐua Flow API')
    .setDescription('Workflow and approval engine for emulation campaigns in the trade-union hierarchy. Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code`.')
    .setVersion('0.1.0')
    .setLicense('Proprietary', 'https://thidua.invalid/license')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/auth/login or /api/auth/refresh.' })
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN of the deployment (Prometheus).' }, 'metricsToken')
    .build();
  // OpenAPI 3.1: its schemas are JSON Schema 2020-12, what zod writes (a nullable reference is `anyOf` with null).
  const document = { ...SwaggerModule.createDocument(app, base), openapi: '3.1.0' };
  const handlers = handlerContracts(app);

  const missing = handlers.filter((h) => !h.response).map((h) => `${h.controller}.${h.method}`);
  if (missing.length && strict) throw new Error(`OpenAPI: handlers without @Returns/@ReturnsFile/@ReturnsNothing: ${missing.join(', ')}`);

  const operations = new Map<string, { path: string; verb: string; op: Operation }>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [verb, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && 'operationId' in op) operations.set((op as Operation).operationId!, { path, verb, op: op as Operation });
    }
  }
  const undocumented = handlers.filter((h) => !operations.has(h.operationId)).map((h) => h.operationId);
  if (undocumented.length && strict) throw new Error(`OpenAPI: handlers missing from the document: ${undocumented.join(', ')}`);

  const converter = new SchemaConverter(
    [...handlers.flatMap((h) => (h.response?.kind === 'json' ? [h.response.schema] : [])), UNDESCRIBED],
    handlers.flatMap((h) => [h.body, h.query].filter((s): s is z.ZodType => s !== undefined)),
  );
  const usedInputRefs = new Set<string>();

  for (const h of handlers) {
    if (!operations.has(h.operationId)) continue;
    const { path, verb, op } = operations.get(h.operationId)!;
    const isPublic = h.access?.kind === 'public';
    const isWrite = ['post', 'put', 'patch', 'delete'].includes(verb);
    const hasPathParams = path.includes('{');

    if (h.body) {
      const schema = converter.schema(h.body, 'input');
      refsOf(schema, usedInputRefs);
      const multipart = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content?.['multipart/form-data'];
      op.requestBody = multipart ? op.requestBody : { required: true, content: { 'application/json': { schema } } };
    } else if (!isMultipart(op)) {
      delete op.requestBody;
    }

    const otherParams = (op.parameters ?? []).filter((p) => !('in' in p) || p.in !== 'query' || !h.query);
    const queryParams = h.query ? queryParameters(converter.schema(h.query, 'input')) : [];
    queryParams.forEach((p) => refsOf(p, usedInputRefs));
    op.parameters = [...otherParams, ...queryParams, ...(isWrite && !/^\/api\/auth\/(login|refresh|logout)$/.test(path) ? [IDEMPOTENCY_KEY_PARAMETER] : [])];
    if (!op.parameters.length) delete op.parameters;

    const responses: Record<string, unknown> = {};
    const success: ResponseContract = h.response ?? { kind: 'json', schema: UNDESCRIBED, description: 'Not described yet.' };
    const description = success.description ?? 'Success.';
    if (success.kind === 'json') responses[String(h.status)] = { description, content: { 'application/json': { schema: converter.schema(success.schema, 'output') } } };
    else if (success.kind === 'file') responses[String(h.status)] = { description, content: Object.fromEntries(success.mimeTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) };
    else responses[String(h.status)] = { description };
    responses['400'] = problemRef('BadRequest');
    if (!isPublic) {
      responses['401'] = problemRef('Unauthenticated');
      responses['403'] = problemRef('Forbidden');
    }
    if (hasPathParams) responses['404'] = problemRef('NotFound');
    if (isWrite) {
      responses['409'] = problemRef('Conflict');
      responses['422'] = problemRef('Unprocessable');
    }
    responses['429'] = problemRef('TooManyRequests');
    responses.default = problemRef('Problem');
    op.responses = responses as Operation['responses'];
    // Public to the user guard; a route with its own credential (the metrics token) declares it with @ApiSecurity.
    const ownSecurity = isPublic && op.security?.some((s) => !('bearer' in s)) ? op.security : undefined;
    op.security = ownSecurity ?? (isPublic ? [] : [{ bearer: [] }]);
    if (!op.summary) op.summary = humanise(h.method);
    op.tags = (op.tags?.length ? op.tags : [h.controller.replace(/Controller$/, '')]).map((t) => t.toLowerCase());
  }

  document.components = {
    ...document.components,
    schemas: converter.components(usedInputRefs) as NonNullable<OpenAPIObject['components']>['schemas'],
    responses: Object.fromEntries(Object.entries(PROBLEM_RESPONSES).map(([name, text]) => [name, { description: text, content: problemContent }])),
  };
  document.tags = [...new Set(Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((op) => (op as Operation).tags ?? [])))]
    .sort()
    .map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  return document;
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Sign-in with a password, token refresh (httpOnly cookie + CSRF header), sign-out, the current user.',
  campaigns: 'Campaigns, their launch cascade, plans, quotas, evaluations, nominations, council ballots, inspections.',
  delegations: 'Delegations of a role holder\'s rights for a period.',
  documents: 'Official documents, the numbering register, .docx/PDF output, PAdES signing and verification.',
  health: 'Liveness and readiness.',
  'import-export': 'CSV/XLSX import and export of units and users.',
  inbox: 'The work waiting for the caller, with counts.',
  items: 'Work items: create, act, history, allowed actions, attachments, cascades, bulk actions.',
  metrics: 'Prometheus metrics (bearer METRICS_TOKEN; 404 when unset).',
  notifications: 'In-app notifications and unread counts.',
  reports: 'Indicator roll-ups, the review report and indicator tables.',
  units: 'The effective-dated union tree and its reorganisations.',
  users: 'People, their accounts and role assignments.',
  webhooks: 'Subscriptions of URLs to item and campaign events, deliveries and resends.',
  workflows: 'Workflow definitions: drafts, validation, publishing, retirement, migration of running items.',
};

function isMultipart(op: Operation): boolean {
  return Boolean((op.requestBody as { content?: Record<string, unknown> } | undefined)?.content?.['multipart/form-data']);
}

function queryParameters(json: JsonSchema): NonNullable<Operation['parameters']> {
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = (json.required ?? []) as string[];
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: 'query' as const, required: required.includes(name), ...(description ? { description: String(description) } : {}), schema: rest };
  });
}

function humanise(method: string): string {
  const words = method.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'Takes effect once per user, method and route: a repeat gets the first answer (Idempotency-Replayed: true), a concurrent repeat waits for it, a different request with the same key is 422 IDEMPOTENCY_KEY_REUSED. 1–200 characters [A-Za-z0-9._:-].',
  schema: { type: 'string' as const, pattern: '^[A-Za-z0-9._:-]{1,200}$' },
};
