import { type ArgumentMetadata, Body, type PipeTransform, Query } from '@nestjs/common';
import type { FieldProblem } from '@thidua/contracts';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { BODY_CONTRACT, QUERY_CONTRACT, recordContract } from '../openapi/openapi.metadata';

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

/** `@ZodBody(schema) body: T` — validates the body; the OpenAPI document describes it from the same schema. */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, key as string, index);
    recordContract(BODY_CONTRACT, target, key, schema);
  };
}

/** `@ZodQuery(schema) query: T` — validates the query string; the OpenAPI document lists each parameter from it. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, key as string, index);
    recordContract(QUERY_CONTRACT, target, key, schema);
  };
}
