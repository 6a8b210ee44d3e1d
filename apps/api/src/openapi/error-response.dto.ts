import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every error answer (see common/error-response.ts). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({
    example: 'invalid-input',
    description: 'A stable code (domain errors: dotted, e.g. intake.unknown-procedure)',
  })
  error: string;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'applicant must be an object (name, identityNumber, address, phone)',
    description: 'What is wrong, naming the field; validation lists one message per problem',
  })
  message: string | string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Machine-readable details, when any',
  })
  details?: Record<string, unknown>;
}
