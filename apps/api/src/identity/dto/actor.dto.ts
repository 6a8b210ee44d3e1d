import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../access.decorator';
import type { Actor, Role } from '../access.decorator';

/** Who the bearer token belongs to. */
export class ActorDto {
  @ApiProperty()
  userId: string;

  @ApiProperty()
  username: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty()
  agencyId: string;

  static from(actor: Actor): ActorDto {
    return Object.assign(new ActorDto(), {
      userId: actor.userId,
      username: actor.username,
      roles: [...actor.roles],
      agencyId: actor.agencyId,
    });
  }
}
