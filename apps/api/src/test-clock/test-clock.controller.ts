import type { RedisClient } from '@motcua/platform';
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClockService, REDIS } from '@motcua/platform';
import { Roles } from '../identity/access.decorator';
import { AdvanceClockDto } from './dto/advance-clock.dto';
import { ClockDto } from './dto/clock.dto';
import { SetClockDto } from './dto/set-clock.dto';

/**
 * Test/demo clock (only mounted when TEST_CLOCK_ENABLED, which production refuses): moves the time of
 * every service at once so a scenario spanning weeks runs in seconds.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/clock')
export class TestClockController {
  constructor(
    private readonly clock: ClockService,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Current time as every service sees it' })
  current(): ClockDto {
    return { now: this.clock.now().toISOString(), testClock: this.clock.testClockEnabled };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the shared clock' })
  async set(@Body() body: SetClockDto): Promise<ClockDto> {
    const now = await this.clock.set(new Date(body.at), body.frozen ?? false, this.redis);
    return { now: now.toISOString(), testClock: true };
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the shared clock forward' })
  async advance(@Body() body: AdvanceClockDto): Promise<ClockDto> {
    const milliseconds = (((body.days ?? 0) * 24 + (body.hours ?? 0)) * 60 + (body.minutes ?? 0)) * 60_000;
    const now = await this.clock.advance(milliseconds, this.redis);
    return { now: now.toISOString(), testClock: true };
  }
}
