import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation';
import { TimeWindowDto } from './time-window.dto';

/** A holiday (day off) or an extra working day (e.g. a make-up Saturday) for one local date. */
export class SaveCalendarDayDto {
  @ApiProperty({ enum: ['holiday', 'working'] })
  @IsIn(['holiday', 'working'])
  kind: 'holiday' | 'working';

  @ApiProperty({ example: 'Nghỉ bù Quốc khánh theo Thông báo của Bộ LĐ-TB&XH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({
    required: false,
    type: [TimeWindowDto],
    description: 'working day only; default office windows when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => TimeWindowDto)
  windows?: TimeWindowDto[];
}
