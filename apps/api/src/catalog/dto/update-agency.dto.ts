import { PartialType, PickType } from '@nestjs/swagger';
import { CreateAgencyDto } from './create-agency.dto';

/** Name, desk flag and address; the identifier and parent are fixed (dossier codes and paths depend on them). */
export class UpdateAgencyDto extends PartialType(PickType(CreateAgencyDto, ['name', 'hasDesk', 'address'] as const), {
  skipNullProperties: false,
}) {}
