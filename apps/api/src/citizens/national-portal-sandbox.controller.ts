import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { MotcuaConfig } from '@motcua/config';
import { DomainError, validateNationalStatusPayload, type NationalStatusPayload } from '@motcua/domain';
import { NATIONAL_PORTAL_SIGNATURE_HEADER, verifyNationalPortalSignature } from '@motcua/integrations';
import { recordSandboxNationalMessage } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { Public } from '../identity/access.decorator';

/**
 * The embedded sandbox of the national portal's status endpoint (demo and tests): checks the signature and the field
 * list, and records each message id once (a repeated delivery is counted, not recorded again).
 */
@ApiTags('sandbox')
@Controller('sandbox/national-portal')
@Public()
export class NationalPortalSandboxController {
  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Post('dossier-status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sandbox national portal: receive one dossier status message (signed, HMAC-SHA256)' })
  @ApiHeader({ name: NATIONAL_PORTAL_SIGNATURE_HEADER, required: true, description: 'hex HMAC-SHA256 of the body' })
  @ApiBody({ schema: { type: 'object', description: 'NationalStatusPayload (libs/domain/src/national-portal)' } })
  @ApiOkResponse({ description: '{ result: "recorded" | "repeated" }' })
  @ApiBadRequestResponse({ description: 'Not a valid status message (fields named)' })
  @ApiUnauthorizedResponse({ description: 'Bad signature' })
  async receive(
    @Body() body: Record<string, unknown>,
    @Headers(NATIONAL_PORTAL_SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<{ result: 'recorded' | 'repeated' }> {
    if (!this.config.NATIONAL_PORTAL_SANDBOX_ENABLED) throw new NotFoundException();
    if (!verifyNationalPortalSignature(this.config.NATIONAL_PORTAL_SECRET, JSON.stringify(body ?? null), signature)) {
      throw new UnauthorizedException('Invalid signature');
    }
    const problems = validateNationalStatusPayload(body);
    if (problems.length > 0) {
      throw new DomainError('national-portal.invalid-payload', problems.join('; '), 'invalid', { problems });
    }
    const payload = body as unknown as NationalStatusPayload;
    const result = await recordSandboxNationalMessage(this.dataSource.manager, {
      messageId: payload.MaGiaoDich,
      dossierCode: payload.MaHoSo,
      sequence: payload.SoThuTu,
      statusCode: payload.TrangThaiHoSo,
      payload,
    });
    return { result };
  }
}
