import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from './access.decorator';
import { CitizenLookupUseCase } from './citizen-lookup.use-case';
import { CitizenDossierDto } from './dto/citizen-dossier.dto';
import { CitizenLookupQueryDto } from './dto/citizen-lookup-query.dto';

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
  @ApiOperation({ summary: 'Status, appointment and progress of a dossier (code + lookup secret)' })
  @ApiOkResponse({ type: CitizenDossierDto })
  get(@Param('code') code: string, @Query() query: CitizenLookupQueryDto): Promise<CitizenDossierDto> {
    return this.lookups.lookup(code, query.secret);
  }

  @Post(':code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Same as GET, with the secret in the body (keeps it out of access logs)' })
  @ApiOkResponse({ type: CitizenDossierDto })
  post(@Param('code') code: string, @Body() body: CitizenLookupQueryDto): Promise<CitizenDossierDto> {
    return this.lookups.lookup(code, body.secret);
  }
}
