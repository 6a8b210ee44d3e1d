import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../identity/access.decorator';
import { SimulationRequestDto } from './dto/simulation-request.dto';
import { SimulationResponseDto } from './dto/simulation-response.dto';
import { SimulationUseCase } from './simulation.use-case';

@ApiTags('simulations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Only supervisors and admins run simulations' })
@Roles('supervisor', 'admin')
@Controller('simulations')
export class SimulationController {
  constructor(private readonly simulations: SimulationUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What-if simulation (issue 18): the generated province over a period, baseline vs a scenario (officers of an ' +
      'agency, staffing or arrival factor, online share, make-up days / holidays); predicted on-time rate, online ' +
      'rate, late counts and backlog per agency and procedure. Deterministic for a seed. Supervisors and admins',
  })
  @ApiOkResponse({ type: SimulationResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid period (at most 92 days), unknown agency or invalid day' })
  simulate(@Body() request: SimulationRequestDto): SimulationResponseDto {
    return this.simulations.simulate(request);
  }
}
