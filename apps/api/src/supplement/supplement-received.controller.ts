import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { SupplementReceivedDto, SupplementReceivedResponseDto } from './dto/supplement-received.dto';
import { SupplementReceivedUseCase } from './supplement-received.use-case';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class SupplementReceivedController {
  constructor(private readonly supplements: SupplementReceivedUseCase) {}

  @Post(':id/supplement-received')
  @HttpCode(200)
  @Roles('desk_officer')
  @ApiOperation({
    summary:
      'The applicant completed the dossier after an agency supplement request: the clock resumes, the step starts again',
  })
  @ApiOkResponse({ type: SupplementReceivedResponseDto })
  receive(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SupplementReceivedDto,
  ): Promise<SupplementReceivedResponseDto> {
    return this.supplements.receive(actor, id, body);
  }
}
