import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ROLES, Role } from '../../../apps/api/src/identity/access.decorator';
import { edgeValue, FuzzPool, mutate, mutations, validValue } from './fuzz-values';
import { FuzzRoute, resolve } from './openapi-routes';

/** One generated request, printable for reproduction. */
export interface FuzzRequest {
  route: string;
  method: FuzzRoute['method'];
  url: string;
  actor: Role | null;
  contentType?: string;
  body?: string;
}

/** encodeURIComponent that cannot throw: a lone surrogate becomes its (invalid) CESU-8 bytes. */
export function encodePart(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  try {
    return encodeURIComponent(text);
  } catch {
    return Array.from(text)
      .map((character) => {
        const unit = character.charCodeAt(0);
        if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
          return Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)])
            .toString('hex')
            .replace(/(..)/g, '%$1');
        return encodeURIComponent(character);
      })
      .join('');
  }
}

/** Sometimes valid, sometimes hostile: the value of one parameter or field. */
const validOrEdge = (valid: fc.Arbitrary<unknown>, validWeight = 6) =>
  fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 4, arbitrary: edgeValue() });

const RAW_BODIES = [
  { contentType: 'application/json; charset=latin1', body: '{"name":"Nguy\u00ean"}' },
  { contentType: 'text/plain', body: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', body: 'a=b&__proto__[x]=1&c=%00' },
  { contentType: 'application/json', body: '{"a":' },
  { contentType: 'application/json', body: '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) },
  { contentType: 'application/json', body: '[' + '1,'.repeat(100_000) + '1]' },
  { contentType: 'application/json', body: `{"x":"${'y'.repeat(1_100_000)}"}` },
  { contentType: 'application/json', body: '{"version":1e999}' },
];

function roleArbitrary(document: OpenAPIObject, route: FuzzRoute): fc.Arbitrary<Role | null> {
  const operation = (document.paths[route.path] as Record<string, { 'x-roles'?: Role[] }>)[route.method];
  const allowed = operation?.['x-roles'];
  const anyone = fc.constantFrom<Role | null>(null, ...ROLES);
  if (!allowed?.length) return anyone;
  return fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...allowed) }, { weight: 3, arbitrary: anyone });
}

/** Requests over every route: hostile path, query and body values, extra keys, odd encodings, several roles. */
export function requestArbitrary(
  document: OpenAPIObject,
  routes: FuzzRoute[],
  pool: FuzzPool,
): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) => {
    const pathValues = fc.record(
      Object.fromEntries(
        route.parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => [
            parameter.name,
            validOrEdge(validValue(document, pool, parameter.schema, parameter.name), 7),
          ]),
      ),
    );
    const queryParameters = route.parameters.filter((parameter) => parameter.in === 'query');
    const queryValues = fc.record(
      Object.fromEntries(
        queryParameters.map((parameter) => [
          parameter.name,
          validOrEdge(validValue(document, pool, parameter.schema, parameter.name)),
        ]),
      ),
      { requiredKeys: [] },
    );
    const extraQuery = fc.option(fc.tuple(fc.constantFrom('__proto__', 'unknown', 'page[x]', 'limit'), edgeValue()), {
      freq: 8,
    });
    const bodySchema = resolve(document, route.body);
    const body = route.body
      ? fc.oneof(
          {
            weight: 8,
            arbitrary: fc
              .tuple(validValue(document, pool, bodySchema), mutations())
              .map(([valid, changes]) => mutate(valid, changes)),
          },
          { weight: 2, arbitrary: edgeValue() },
        )
      : fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: edgeValue() });
    const raw = fc.oneof(
      { weight: 19, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    );
    return fc
      .record({ path: pathValues, query: queryValues, extraQuery, body, raw, actor: roleArbitrary(document, route) })
      .map(({ path, query, extraQuery: extra, body: value, raw: rawBody, actor }): FuzzRequest => {
        const filled = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => encodePart(path[name]));
        const pairs = Object.entries(query).map(([name, item]) => `${encodePart(name)}=${encodePart(item)}`);
        if (extra) pairs.push(`${encodePart(extra[0])}=${encodePart(extra[1])}`);
        const url = pairs.length ? `${filled}?${pairs.join('&')}` : filled;
        const request: FuzzRequest = { route: route.key, method: route.method, url, actor };
        if (route.method === 'get' || route.method === 'delete') return request;
        if (rawBody) return { ...request, ...rawBody };
        if (value === null && !route.body) return request;
        return { ...request, contentType: 'application/json', body: JSON.stringify(value ?? null) };
      });
  });
}
