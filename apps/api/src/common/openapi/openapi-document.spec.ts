import 'reflect-metadata';
import { Controller, Get, HttpCode, type INestApplication, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { named } from '@thidua/contracts';
import { z } from 'zod';
import { Authenticated, Public } from '../auth/access.decorators';
import { ZodBody, ZodQuery } from '../validation/zod-validation';
import { buildOpenApi } from './openapi-document';
import { Returns, ReturnsNothing } from './returns.decorator';

const thingSchema = named('SpecThing', z.object({ id: z.string(), tags: z.array(z.string()) }));
const createThingSchema = named('SpecCreateThing', z.object({ name: z.string(), tags: z.array(z.string()).default([]) }));

@Controller('things')
class ThingsController {
  @Returns(z.array(thingSchema))
  @Get()
  @Public()
  list(@ZodQuery(z.object({ q: z.string().max(10).optional(), limit: z.coerce.number().int().default(5) })) _q: unknown): Array<z.output<typeof thingSchema>> {
    return [];
  }

  @Returns(thingSchema)
  @Post()
  @Authenticated()
  create(@ZodBody(createThingSchema) body: { name: string }): z.output<typeof thingSchema> {
    return { id: body.name, tags: [] };
  }

  @ReturnsNothing()
  @Post(':id/archive')
  @HttpCode(204)
  @Authenticated()
  archive(@Param('id') _id: string): void {}
}

@Controller('loose')
class LooseController {
  @Get()
  @Authenticated()
  undescribed(): { a: number } {
    return { a: 1 };
  }
}

async function appWith(...controllers: Array<new (...args: never[]) => unknown>): Promise<INestApplication> {
  @Module({ controllers })
  class SpecModule {}
  const app = await NestFactory.create(SpecModule, { logger: false });
  app.setGlobalPrefix('api');
  await app.init();
  return app;
}

type Op = { security?: unknown[]; responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>; requestBody?: { content: Record<string, { schema: unknown }> }; parameters?: Array<{ name: string; in: string; required: boolean; schema: unknown }> };

describe('buildOpenApi', () => {
  it('documents each handler from its zod contracts: body, query, answer, errors and security', async () => {
    const app = await appWith(ThingsController);
    try {
      const doc = buildOpenApi(app);
      expect(doc.openapi).toBe('3.1.0');
      const list = doc.paths['/api/things']!.get as unknown as Op;
      const create = doc.paths['/api/things']!.post as unknown as Op;
      const archive = doc.paths['/api/things/{id}/archive']!.post as unknown as Op;

      expect(list.security).toEqual([]);
      expect(create.security).toEqual([{ bearer: [] }]);
      expect(list.responses['200']!.content!['application/json']!.schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/SpecThing' } });
      expect(create.responses['201']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/SpecThing' });
      expect(Object.keys(archive.responses)).toEqual(expect.arrayContaining(['204', '400', '401', '403', '404', '409', '422', '429', 'default']));
      expect(archive.responses['204']!.content).toBeUndefined();
      expect(list.responses['401']).toBeUndefined();
      expect(create.responses['400']).toEqual({ $ref: '#/components/responses/BadRequest' });
      expect(doc.components!.responses!.BadRequest).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

      // The request form of a schema with a default differs from its answer form: it gets its own component.
      expect(create.requestBody!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/SpecCreateThingInput' });
      const schemas = doc.components!.schemas as Record<string, { required?: string[] }>;
      expect(schemas.SpecCreateThingInput!.required).toEqual(['name']);
      expect(schemas.SpecThing).toMatchObject({ type: 'object', required: ['id', 'tags'] });
      expect(schemas.Problem).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId']) });

      expect(list.parameters!.filter((p) => p.in === 'query')).toEqual([
        { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 10 } },
        { name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer', default: 5 }) },
      ]);
      expect(create.parameters!.map((p) => p.name)).toEqual(['Idempotency-Key']);
    } finally {
      await app.close();
    }
  });

  it('refuses a handler without a response contract, except for the running server', async () => {
    const app = await appWith(ThingsController, LooseController);
    try {
      expect(() => buildOpenApi(app)).toThrow('handlers without @Returns/@ReturnsFile/@ReturnsNothing: LooseController.undescribed');
      const loose = buildOpenApi(app, { strict: false }).paths['/api/loose']!.get as unknown as Op;
      expect(loose.responses['200']!.content!['application/json']!.schema).toEqual({});
    } finally {
      await app.close();
    }
  });
});
