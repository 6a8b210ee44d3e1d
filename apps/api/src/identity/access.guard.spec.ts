import { ExecutionContext, ForbiddenException, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, Public, Roles } from './access.decorator';
import { AccessGuard } from './access.guard';
import { TokenRejected, TokenService } from './token.service';

class SampleController {
  @Public()
  open(): void {}

  @Roles('admin')
  adminOnly(): void {}

  undeclared(): void {}
}

const actor: Actor = { userId: 'u1', username: 'desk', roles: ['desk_officer'], agencyId: 'a1', agencyPath: '/a1/' };

function contextFor(handler: keyof SampleController, headers: Record<string, string> = {}, preset?: Actor) {
  const request: Record<string, unknown> = { headers, method: 'GET', path: `/${handler}`, actor: preset };
  const context = {
    getType: () => 'http',
    getHandler: () => SampleController.prototype[handler],
    getClass: () => SampleController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe('AccessGuard (default deny)', () => {
  const tokens = {
    authenticate: jest.fn(async (token: string) => {
      if (token === 'good') return actor;
      throw new TokenRejected('bad');
    }),
    logRejection: jest.fn(),
  } as unknown as TokenService;
  const guard = new AccessGuard(new Reflector(), tokens);

  it('lets @Public routes through without a token', async () => {
    await expect(guard.canActivate(contextFor('open').context)).resolves.toBe(true);
  });

  it('answers 401 without a token or with a rejected one, and ignores an actor set earlier', async () => {
    const { context, request } = contextFor('adminOnly', {}, { ...actor, roles: ['admin'] });
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(request.actor).toBeUndefined();
    await expect(
      guard.canActivate(contextFor('adminOnly', { authorization: 'Bearer bad' }).context),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a route without any access declaration with 403 and logs it', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(
      guard.canActivate(contextFor('undeclared', { authorization: 'Bearer good' }).context),
    ).rejects.toBeInstanceOf(ForbiddenException);
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('SampleController.undeclared) lacks an access declaration'),
    );
    error.mockRestore();
  });

  it('answers 403 to a role the route does not allow and sets the actor when it does', async () => {
    await expect(
      guard.canActivate(contextFor('adminOnly', { authorization: 'Bearer good' }).context),
    ).rejects.toBeInstanceOf(ForbiddenException);
    const admin = { ...actor, roles: ['admin'] as Actor['roles'] };
    (tokens.authenticate as jest.Mock).mockResolvedValueOnce(admin);
    const { context, request } = contextFor('adminOnly', { authorization: 'Bearer good' });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual(admin);
  });
});
