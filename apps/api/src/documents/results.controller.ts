import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { DocumentUploadInterceptor } from './document-upload.interceptor';
import { DossierResultUseCase } from './dossier-result.use-case';
import { ATTACH_RESULT_SCHEMA, AttachResultDto } from './dto/attach-result.dto';
import { ResultResponseDto } from './dto/result-response.dto';
import { digestHeader, streamableFileOf } from './stored-file-download';
import { uploadedFileOf } from './uploaded-file';

const uuid = new ParseUUIDPipe({ version: undefined });

/** The dossier's result (kết quả giải quyết): attached by the last processing step, read by the desk and supervisors. */
@ApiTags('results')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Dossier not found in your scope (or no result yet)' })
@Controller('dossiers/:id/result')
export class ResultsController {
  constructor(private readonly results: DossierResultUseCase) {}

  @Post()
  @Roles('agency_officer', 'agency_lead')
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ATTACH_RESULT_SCHEMA })
  @ApiOperation({ summary: 'Attach the result (decision + electronic file) from the open last processing step' })
  @ApiCreatedResponse({ type: ResultResponseDto })
  @ApiConflictResponse({ description: "Your agency's open step is not the last processing step" })
  attach(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: AttachResultDto,
    @Req() request: Request,
  ): Promise<ResultResponseDto> {
    return this.results.attach(actor, id, body, uploadedFileOf(request));
  }

  @Get()
  @Roles('desk_officer', 'agency_lead', 'supervisor')
  @ApiOperation({ summary: "The dossier's result record" })
  @ApiOkResponse({ type: ResultResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<ResultResponseDto> {
    return this.results.get(actor, id);
  }

  @Get('file')
  @Roles('desk_officer', 'agency_lead', 'supervisor')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')
  @ApiOperation({ summary: "The result's electronic file" })
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.results.download(actor, id);
    response.setHeader('Repr-Digest', digestHeader(download.sha256));
    return streamableFileOf(download);
  }
}
