import { Body, Controller, Headers, HttpStatus, Post, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { Actor, CurrentActor, Public, Roles } from '../identity/access.decorator';
import { DossierResponseDto } from '../dossier/dto/dossier-response.dto';
import { RegisterDossierDto } from './dto/register-dossier.dto';
import { SubmitOnlineDossierDto } from './dto/submit-online-dossier.dto';
import { RegisterDossierUseCase } from './register-dossier.use-case';

@ApiTags('intake')
@Controller()
export class IntakeController {
  constructor(private readonly registerDossier: RegisterDossierUseCase) {}

  @Post('dossiers')
  @Roles('desk_officer')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'the same key twice returns the same dossier' })
  @ApiOperation({ summary: 'Register a dossier at the desk: accept (receipt), request supplement, or refuse' })
  @ApiOkResponse({ type: DossierResponseDto })
  async register(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: RegisterDossierDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DossierResponseDto> {
    const result = await this.registerDossier.atDesk(actor, idempotencyKey, body);
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.body;
  }

  @Post('portal/dossiers')
  @Public()
  // Public and unauthenticated: PUBLIC_THROTTLE_LIMIT per address per PUBLIC_THROTTLE_TTL_SECONDS, counted in Redis.
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ login: true })
  @ApiTooManyRequestsResponse({ description: 'Too many submissions from this address' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({ summary: 'Online submission from the public service portal (same intake rules)' })
  @ApiOkResponse({ type: DossierResponseDto })
  async submitOnline(
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: SubmitOnlineDossierDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DossierResponseDto> {
    const result = await this.registerDossier.online(idempotencyKey, body);
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.body;
  }
}
