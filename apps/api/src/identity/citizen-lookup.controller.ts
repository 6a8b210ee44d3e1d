import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { DomainError } from '@motcua/domain';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from './access.decorator';
import { CitizenLookupUseCase } from './citizen-lookup.use-case';
import { CitizenDossierDto } from './dto/citizen-dossier.dto';
import { CitizenLookupGetQueryDto } from './dto/citizen-lookup-get-query.dto';
import { CitizenLookupQueryDto } from './dto/citizen-lookup-query.dto';

export const LOOKUP_SECRET_HEADER = 'x-lookup-secret';

/** The header wins over the deprecated query parameter; the value is checked like the body's. */
function lookupSecretFrom(header: string | undefined, query: string | undefined): string {
  const secret = header ?? query;
  if (!secret)
    throw new DomainError(
      'lookup.secret-required',
      'Send the lookup secret printed on the receipt in the X-Lookup-Secret header (or POST it in the body)',
      'invalid',
    );
  if (secret.length > 64 || !/^[A-Za-z0-9 -]+$/.test(secret))
    throw new DomainError('lookup.secret-invalid', 'secret must be letters and digits', 'invalid');
  return secret;
}

/** Citizens follow their dossier with the code and the lookup secret printed on the receipt (form 01). */
@ApiTags('public')
@Controller('public/dossiers')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true })
@ApiNotFoundResponse({ description: 'Unknown code or wrong secret (indistinguishable)' })
@ApiTooManyRequestsResponse({ description: 'Too many lookups from this address' })
export class CitizenLookupController {
  constructor(private readonly lookups: CitizenLookupUseCase) {}

  @Get(':code')
  @ApiOperation({
    summary: 'Status, appointment and progress of a dossier (code + lookup secret in the X-Lookup-Secret header)',
    description: 'The secret never belongs in a URL: send it in the X-Lookup-Secret header, or use POST with a body.',
  })
  @ApiHeader({ name: LOOKUP_SECRET_HEADER, required: false, description: 'The lookup secret printed on the receipt' })
  @ApiOkResponse({ type: CitizenDossierDto })
  @ApiBadRequestResponse({ description: 'No secret, or not letters and digits' })
  get(
    @Param('code') code: string,
    @Query() query: CitizenLookupGetQueryDto,
    @Headers(LOOKUP_SECRET_HEADER) header: string | undefined,
  ): Promise<CitizenDossierDto> {
    return this.lookups.lookup(code, lookupSecretFrom(header, query.secret));
  }

  @Post(':code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Same as GET, with the secret in the body (recommended: keeps it out of every URL)' })
  @ApiOkResponse({ type: CitizenDossierDto })
  post(@Param('code') code: string, @Body() body: CitizenLookupQueryDto): Promise<CitizenDossierDto> {
    return this.lookups.lookup(code, body.secret);
  }
}
