import { join } from 'node:path';
import { register } from 'tsconfig-paths';

// Jest's module mapper does not apply to global setup: resolve the @motcua/* aliases that entities and
// migrations may import through tsconfig-paths instead. A module of its own, imported first: imports are hoisted,
// so a register() call between imports would run after them.
register({ baseUrl: join(__dirname, '..', '..'), paths: require('../../tsconfig.json').compilerOptions.paths });
