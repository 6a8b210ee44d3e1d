import type { NextFunction, Request, Response } from 'express';
import { sendErrorResponse } from './error-response';

/** Deeper JSON than this is refused before validation (class-transformer recurses and would overflow). */
export const MAX_INPUT_DEPTH = 32;
/** More values than this in one input (a 200 KB array of numbers) is refused: validating each costs seconds. */
export const MAX_INPUT_VALUES = 10_000;
/** Keys that could reach an object's prototype when input is merged or copied. */
const FORBIDDEN_KEYS = new Set(['__proto__']);

// A UTF-16 high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/**
 * What is wrong with a parsed input (JSON body, query, path parameters) that no field rule could accept: too
 * deep, a key that reaches the prototype, a string Postgres cannot store (NUL) or that is not Unicode (lone
 * surrogate), a number that is not finite, more values than any route needs. Iterative, so it cannot overflow the stack itself.
 * Returns a message naming where (`$.applicant.name`), or undefined when the input is acceptable.
 */
export function findUnsafeInput(value: unknown, root = '$'): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    if (++seen > MAX_INPUT_VALUES) return `${root} holds more than ${MAX_INPUT_VALUES} values`;
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return `${path} ${problem}`;
      continue;
    }
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return `${path} is not a finite number`;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) return `${path} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path} has the forbidden key "${key}"`;
      const problem = textProblem(key);
      if (problem) return `a key in ${path} ${problem}`;
      stack.push({ value: (current as Record<string, unknown>)[key], path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The decoded path, or undefined when its percent-encoding is not UTF-8. */
function decodedPath(request: Request): string | undefined {
  try {
    return decodeURIComponent(request.path);
  } catch {
    return undefined;
  }
}

/**
 * Express middleware after the body parsers: refuses (400) a request whose path, query or body holds input
 * that no route could accept (see findUnsafeInput), for every route at once, before any handler or pipe.
 */
export function inputSafetyMiddleware(request: Request, response: Response, next: NextFunction): void {
  const path = decodedPath(request);
  const problem =
    path === undefined
      ? 'the path is not valid percent-encoded UTF-8'
      : (findUnsafeInput(path, 'path') ??
        findUnsafeInput(request.query, 'query') ??
        findUnsafeInput(request.body, 'body'));
  if (!problem) return next();
  sendErrorResponse(response, { statusCode: 400, error: 'invalid-input', message: problem });
}
