import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SATISFACTION_CRITERIA, SATISFACTION_LEVELS } from '@motcua/domain';
import { IsIn, IsObject, IsString, Matches, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { IsOptional } from '../../common/validation';

/** `{ criterion: level }` with known criteria and levels only. */
function IsCriteria(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCriteria',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(
            ([key, level]) =>
              (SATISFACTION_CRITERIA as readonly string[]).includes(key) &&
              (SATISFACTION_LEVELS as readonly string[]).includes(level as string),
          ),
        defaultMessage: () =>
          `criteria must map ${SATISFACTION_CRITERIA.join(', ')} to one of ${SATISFACTION_LEVELS.join(', ')}`,
      },
    },
    options,
  );
}

/** A rating given at the desk (the officer records the applicant's answer). */
export class DeskRatingDto {
  @ApiProperty({ enum: SATISFACTION_LEVELS, description: 'Rất hài lòng / hài lòng / không hài lòng' })
  @IsIn(SATISFACTION_LEVELS, { message: `level must be one of ${SATISFACTION_LEVELS.join(', ')}` })
  level: string;

  @ApiPropertyOptional({
    description: `Per criterion of the satisfaction index (${SATISFACTION_CRITERIA.join(', ')}): a level each`,
    example: { officials: 'very-satisfied', result: 'satisfied' },
  })
  @IsOptional()
  @IsObject()
  @IsCriteria()
  criteria?: Record<string, string>;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** A rating by link: the lookup secret printed on the receipt proves the applicant. */
export class CitizenRatingDto extends DeskRatingDto {
  @ApiProperty({ example: 'K7M2Q9XW4P' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9 -]+$/, { message: 'secret must be letters and digits' })
  secret: string;
}

export class RatingResponseDto {
  @ApiProperty({ enum: SATISFACTION_LEVELS })
  level: string;

  @ApiProperty({ enum: ['link', 'desk'] })
  via: string;

  @ApiProperty()
  ratedAt: string;
}
