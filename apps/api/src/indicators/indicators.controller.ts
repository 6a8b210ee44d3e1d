import { Controller, Get, Header, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { IndicatorQueryDto } from './dto/indicator-query.dto';
import { IndicatorsResponseDto } from './dto/indicators-response.dto';
import { IndicatorsUseCase } from './indicators.use-case';

@ApiTags('indicators')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Role not allowed' })
@ApiBadRequestResponse({ description: 'Invalid period (YYYY-MM-DD, from ≤ to, at most 3 years) or filter' })
@ApiNotFoundResponse({ description: 'Agency outside your scope' })
@Roles('supervisor', 'agency_lead', 'admin')
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsUseCase) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Indicators of a period (on time, online, electronic hand-over, online payment, digitized results, reuse, ' +
      'satisfaction) with numerator, denominator, formula, legal source and target; scope: supervisors their subtree, ' +
      'agency leads their agency, admin all',
  })
  @ApiOkResponse({ type: IndicatorsResponseDto })
  get(@CurrentActor() actor: Actor, @Query() query: IndicatorQueryDto): Promise<IndicatorsResponseDto> {
    return this.indicators.compute(actor, query);
  }
}
