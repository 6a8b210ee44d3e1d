import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateProcedureDto } from './create-procedure.dto';

/** Every field but the national code may change. */
export class UpdateProcedureDto extends PartialType(OmitType(CreateProcedureDto, ['code'] as const), {
  skipNullProperties: false,
}) {}
