import type { INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ALLOWED_ROLES, PUBLIC_ACCESS, Role } from '../identity/access.decorator';
import { ErrorResponseDto } from './error-response.dto';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Access = { roles: Role[] } | { public: true } | { undeclared: true };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponseDto' };

/** The access declaration (@Roles / @Public) and status code of every handler, by operationId. */
function handlersOf(app: INestApplication): Map<string, { access: Access; status?: number }> {
  const handlers = new Map<string, { access: Access; status?: number }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const roles: Role[] | undefined =
          Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, controller);
        const open = Reflect.getMetadata(PUBLIC_ACCESS, handler) ?? Reflect.getMetadata(PUBLIC_ACCESS, controller);
        const access: Access = open ? { public: true } : roles?.length ? { roles } : { undeclared: true };
        handlers.set(operationId(controller.name, method), {
          access,
          status: Reflect.getMetadata(HTTP_CODE_METADATA, handler),
        });
      }
    }
  }
  return handlers;
}

const operationId = (controller: string, method: string) => `${controller.replace(/Controller$/, '')}_${method}`;

function addResponse(operation: Operation, status: string, description: string): void {
  operation.responses[status] ??= { description, content: { 'application/json': { schema: ERROR_SCHEMA } } };
}

/**
 * Completes each operation from what the code already declares, so no route needs hand-written security text:
 * bearer security and `x-roles` (and a "Roles:" line) from @Roles, no security from @Public; the error answers
 * every route can give (400 input, 401/403 access, 404 path objects, 413/415 bodies, 429, 500) with the one
 * error schema; a description on every success answer.
 */
function complete(document: OpenAPIObject, handlers: Map<string, { access: Access; status?: number }>): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const handler = handlers.get(operation.operationId ?? '');
      const access: Access = handler?.access ?? { undeclared: true };
      operation.responses ??= {};
      if ('roles' in access) {
        operation.security = [{ bearer: [] }];
        (operation as Operation & { 'x-roles': Role[] })['x-roles'] = access.roles;
        operation.description = [operation.description, `Roles: ${access.roles.join(', ')}.`]
          .filter(Boolean)
          .join('\n\n');
        addResponse(operation, '401', 'No valid bearer token');
        addResponse(operation, '403', 'Your role may not use this route');
      } else {
        operation.security = [];
        if ('public' in access)
          operation.description = [operation.description, 'Public: no account (verified otherwise where needed).']
            .filter(Boolean)
            .join('\n\n');
      }
      // The status the route really answers (@HttpCode, else Nest's default: 201 for POST, 200 otherwise).
      const status = String(handler?.status ?? (method === 'post' ? 201 : 200));
      const success = Object.keys(operation.responses).filter((code) => code.startsWith('2'));
      if (success.length === 0) operation.responses[status] = { description: 'Success' };
      else if (success.length === 1 && success[0] !== status) {
        operation.responses[status] = operation.responses[success[0]];
        delete operation.responses[success[0]];
      }
      for (const status of Object.keys(operation.responses).filter((code) => code.startsWith('2')))
        if (!(operation.responses[status] as { description?: string }).description)
          (operation.responses[status] as { description: string }).description =
            status === '201' ? 'Created' : 'Success';
      // Every route answers 400 to input no route accepts (NUL, unpaired surrogates, too deep): input-safety.ts.
      addResponse(
        operation,
        '400',
        operation.parameters?.length || operation.requestBody
          ? 'Invalid input: the message names the field'
          : 'The request could not be read (e.g. a NUL character in the query)',
      );
      if (path.includes('{')) addResponse(operation, '404', 'Not found, or outside your scope (indistinguishable)');
      if (operation.requestBody) {
        addResponse(operation, '413', 'Body larger than the limit');
        addResponse(operation, '415', 'Body not JSON in UTF-8');
      }
      addResponse(operation, '500', 'Unexpected error (logged with the request id)');
    }
  }
  return document;
}

/**
 * The API's OpenAPI document: served at /docs-json, linted by redocly (test/openapi), and turned into the web
 * console's types at build time (write-openapi.cli.ts, Nest preview mode: the module graph without providers).
 */
export function describeApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('motcua API')
    .setDescription('One-stop-shop (một cửa) dossier workflow: desk intake, agency inbox, supervision, citizen lookup')
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'this server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    operationIdFactory: operationId,
  });
  return complete(document, handlersOf(app));
}
