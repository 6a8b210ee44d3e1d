import { Controller, Get, Param, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../identity/access.decorator';
import { digestHeader, streamableFileOf } from '../documents/stored-file-download';
import { ResultLinkDto, ResultLinkQueryDto } from './dto/result-link-query.dto';
import { OnlineResultUseCase } from './online-result.use-case';

/** The applicant's online result: a signed, expiring link from the lookup (code + secret), then the file. */
@ApiTags('public')
@Controller('public')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true })
@ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
export class PublicResultsController {
  constructor(private readonly results: OnlineResultUseCase) {}

  @Get('dossiers/:code/result-link')
  @ApiOperation({ summary: 'A signed, expiring download link for the electronic result (code + lookup secret)' })
  @ApiOkResponse({ type: ResultLinkDto })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong secret (indistinguishable)' })
  link(@Param('code') code: string, @Query() query: ResultLinkQueryDto): Promise<ResultLinkDto> {
    return this.results.link(code, query.secret);
  }

  @Get('results/:token')
  @ApiOperation({ summary: 'Download the electronic result behind a signed link (the first download returns it)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')
  @ApiNotFoundResponse({ description: 'Altered or unknown link' })
  @ApiGoneResponse({ description: 'Expired link' })
  async download(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.results.download(token);
    response.setHeader('Repr-Digest', digestHeader(download.sha256));
    response.setHeader('Cache-Control', 'private, no-store');
    return streamableFileOf(download);
  }
}
