import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDate, IsOptional, MAX_INT32 } from '../../common/validation';

/** The longest period and the largest volume one request may simulate (it runs inside the request). */
export const MAX_SIMULATION_DAYS = 92;
export const MAX_SIMULATION_PER_DAY = 500;

/** A what-if run: the generated province over a period, baseline vs the changes given (all optional). */
export class SimulationRequestDto {
  @ApiProperty({ example: '2026-03-02', description: 'First local date of the period (YYYY-MM-DD)' })
  @IsIsoDate()
  from: string;

  @ApiProperty({
    example: '2026-04-24',
    description: `Last local date, inclusive (at most ${MAX_SIMULATION_DAYS} days)`,
  })
  @IsIsoDate()
  to: string;

  @ApiPropertyOptional({ example: 150, description: 'Mean dossiers received per working day (default 150)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SIMULATION_PER_DAY)
  dossiersPerWorkingDay?: number;

  @ApiPropertyOptional({ example: 7, description: 'Random seed: the same request gives the same answer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  seed?: number;

  @ApiPropertyOptional({ example: 'Giảm một nửa cán bộ Sở Tư pháp', description: 'Name of the scenario' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'H62.TP', description: 'Agency whose officers change (with `officers`)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  agencyCode?: string;

  @ApiPropertyOptional({ example: 6, description: 'Officers of `agencyCode` in the scenario' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  officers?: number;

  @ApiPropertyOptional({ example: 0.9, description: 'Every other agency’s officers × this factor' })
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  @Max(5)
  staffingFactor?: number;

  @ApiPropertyOptional({ example: 1.2, description: 'Arrival volume × this factor' })
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  @Max(5)
  arrivalFactor?: number;

  @ApiPropertyOptional({ example: 0.7, description: 'Share of dossiers submitted online, for every procedure' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  onlineShare?: number;

  @ApiPropertyOptional({ example: ['2026-03-14'], description: 'Make-up working days added (YYYY-MM-DD)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true })
  makeUpDays?: string[];

  @ApiPropertyOptional({ example: ['2026-03-16'], description: 'Days off added (YYYY-MM-DD)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true })
  holidays?: string[];
}
