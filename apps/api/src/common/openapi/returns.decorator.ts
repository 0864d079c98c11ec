import type { z } from 'zod';
import { RESPONSE_CONTRACT, type ResponseContract } from './openapi.metadata';

type Handler<T> = (...args: never[]) => T | Promise<T>;

function define(contract: ResponseContract): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(RESPONSE_CONTRACT, contract, descriptor.value as object);
  };
}

/**
 * `@Returns(schema)` — the success answer is JSON described by this zod contract (documented in OpenAPI, checked
 * against real answers in test/openapi). The compiler checks the handler's return type fits the schema's output.
 * The status documented is the one Nest answers with: the handler's `@HttpCode`, else 201 for POST, 200 otherwise.
 */
export function Returns<S extends z.ZodType>(schema: S, options: { description?: string } = {}) {
  return <T extends Handler<z.output<S>>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    define({ kind: 'json', schema, ...options })(target, key, descriptor);
  };
}

/** `@ReturnsFile('application/pdf', …)` — the success answer is a file of one of these types. */
export function ReturnsFile(...mimeTypes: string[]): MethodDecorator {
  return define({ kind: 'file', mimeTypes });
}

/** `@ReturnsNothing()` — the success answer has no body (give the handler `@HttpCode(204)`). */
export function ReturnsNothing(description = 'Done; no content.'): MethodDecorator {
  return define({ kind: 'empty', description });
}
