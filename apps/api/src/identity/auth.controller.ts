import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Actor, AllowedBeforePasswordChange, CurrentActor, Public, ROLES, Roles } from './access.decorator';
import { AuthUseCase } from './auth.use-case';
import { ActorDto } from './dto/actor.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { SessionDto } from './dto/session.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthUseCase) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ public: true })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  @ApiOperation({ summary: 'Sign in with a local account: access token (15 min) and refresh token' })
  @ApiOkResponse({ type: SessionDto })
  login(@Body() body: LoginDto): Promise<SessionDto> {
    return this.auth.login(body);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ public: true })
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)' })
  @ApiOkResponse({ type: SessionDto })
  refresh(@Body() body: RefreshTokenDto): Promise<SessionDto> {
    return this.auth.refresh(body);
  }

  @Post('logout')
  @Roles(...ROLES)
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke a refresh token of yours' })
  logout(@CurrentActor() actor: Actor, @Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(actor, body);
  }

  @Post('password')
  @Roles(...ROLES)
  @AllowedBeforePasswordChange()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your password: this session goes on with the new tokens returned, every other session ends',
    description:
      'Refused (400, with the reason) for a weak password: shorter than 10 characters, a common or breached password, ' +
      'repeated or sequential characters, or containing the username. Every refresh token of the account is revoked and ' +
      'access tokens issued before the change are refused; the response carries a fresh access and refresh token, so ' +
      'the session that changed the password continues.',
  })
  @ApiOkResponse({ type: SessionDto })
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<SessionDto> {
    return this.auth.changePassword(actor, body);
  }

  @Get('me')
  @Roles(...ROLES)
  @AllowedBeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token belongs to' })
  @ApiOkResponse({ type: ActorDto })
  me(@CurrentActor() actor: Actor): ActorDto {
    return ActorDto.from(actor);
  }
}
