import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { serveWebConsole } from './web-console';

@Controller('procedures')
class ProbeController {
  @Get()
  list() {
    return { items: [] };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

async function appServing(directory: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ProbeModule, { logger: false });
  serveWebConsole(app, directory);
  await app.init();
  return app;
}

describe('serveWebConsole', () => {
  let directory: string;
  let app: INestApplication;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'motcua-web-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><title>Một cửa</title>');
    writeFileSync(join(directory, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await appServing(directory);
  });

  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves index.html for the console and for every client-side route under /app (SPA fallback)', async () => {
    for (const path of ['/app/', '/app/desk', '/app/dossiers/123?step=4']) {
      const response = await request(app.getHttpServer()).get(path).expect(200);
      expect(response.text).toContain('Một cửa');
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    const bare = await request(app.getHttpServer()).get('/app').expect(301);
    expect(bare.headers.location).toBe('/app/');
  });

  it('serves hashed assets with a long cache and 404s a missing one instead of falling back to HTML', async () => {
    const asset = await request(app.getHttpServer()).get('/app/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(app.getHttpServer()).get('/app/assets/missing.js').expect(404);
  });

  it('redirects / to the console and leaves API routes alone', async () => {
    const root = await request(app.getHttpServer()).get('/').expect(302);
    expect(root.headers.location).toBe('/app/');
    const api = await request(app.getHttpServer()).get('/procedures').expect(200);
    expect(api.body).toEqual({ items: [] });
    await request(app.getHttpServer()).post('/app/desk').expect(404);
  });

  it('answers 503 with a hint when the console was not built', async () => {
    const unbuilt = await appServing(join(directory, 'nowhere'));
    try {
      const response = await request(unbuilt.getHttpServer()).get('/app/desk').expect(503);
      expect(response.text).toContain('npm run build');
    } finally {
      await unbuilt.close();
    }
  });
});
