import { type ArgumentMetadata, Body, type PipeTransform, Query } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { FieldProblem } from '@thidua/contracts';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

/** Converts zod issues into field problems with stable reasons (messages are localised later). */
export function zodIssuesToFields(issues: z.core.$ZodIssue[], prefix: string): FieldProblem[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    let reason: string = issue.code;
    if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) reason = 'required';
    return { path, reason, message: issue.message };
  });
}

/** Parses a value with a zod schema or throws AppError VALIDATION_FAILED naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.validation(zodIssuesToFields(result.error.issues, prefix));
  return result.data;
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform {
  constructor(
    private readonly schema: S,
    private readonly prefix: string,
  ) {}

  transform(value: unknown, _metadata: ArgumentMetadata): z.infer<S> {
    return parseOrThrow(this.schema, value ?? {}, this.prefix);
  }
}

export function toOpenApiSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function describeOn(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) decorator(target, key, descriptor);
}

/** `@ZodBody(schema) body: T` — validates the body and documents it in OpenAPI. */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, key as string, index);
    describeOn(target, key, ApiBody({ schema: toOpenApiSchema(schema) }) as MethodDecorator);
  };
}

/** `@ZodQuery(schema) query: T` — validates the query string and documents each parameter. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, key as string, index);
    const json = toOpenApiSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      describeOn(target, key, ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: prop }) as MethodDecorator);
    }
  };
}
