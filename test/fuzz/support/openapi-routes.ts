import type { OpenAPIObject } from '@nestjs/swagger';

/** A JSON schema as the generated OpenAPI document writes it (the parts the fuzzer reads). */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  pattern?: string;
}

export interface RouteParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One operation of the document: `POST /dossiers/{id}/withdraw` with its parameters and body schema. */
export interface FuzzRoute {
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: RouteParameter[];
  body?: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document (the fuzz target list: a new route is fuzzed without being listed). */
export function routesOf(document: OpenAPIObject): FuzzRoute[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method]!;
      const parameters = ((operation.parameters ?? []) as unknown as Array<Record<string, unknown>>)
        .filter((parameter) => ['path', 'query', 'header'].includes(parameter.in as string))
        .map((parameter) => ({
          name: parameter.name as string,
          in: parameter.in as RouteParameter['in'],
          required: Boolean(parameter.required),
          schema: (parameter.schema ?? {}) as Schema,
        }));
      const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      return {
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        parameters,
        body: content?.['application/json']?.schema,
      };
    }),
  );
}

/** Follows `$ref` and single-element `allOf` to the schema itself. */
export function resolve(document: OpenAPIObject, schema: Schema | undefined): Schema {
  let current: Schema = schema ?? {};
  for (let hops = 0; hops < 20; hops++) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = (document.components?.schemas?.[name] ?? {}) as Schema;
    } else if (current.allOf?.length === 1) current = { ...current.allOf[0], nullable: current.nullable };
    else return current;
  }
  return current;
}
