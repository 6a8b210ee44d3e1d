import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { CitizenLookupRepository, hashLookupSecret } from '@motcua/persistence';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CitizenDossierDto } from './dto/citizen-dossier.dto';

// sha256 of nothing in particular: unknown codes cost the same comparison as known ones.
const ABSENT_HASH = '0'.repeat(64);

/** Citizen access without an account: dossier code + the lookup secret printed on the receipt. */
@Injectable()
export class CitizenLookupUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Unknown code and wrong secret give the same 404, so neither codes nor secrets can be probed apart. */
  async lookup(code: string, secret: string): Promise<CitizenDossierDto> {
    const row = await new CitizenLookupRepository(this.dataSource.manager).findByCode(code);
    const expected = Buffer.from(row?.lookupSecretHash ?? ABSENT_HASH, 'utf8');
    const given = Buffer.from(hashLookupSecret(secret.replace(/[\s-]/g, '')), 'utf8');
    const matches = expected.length === given.length && timingSafeEqual(expected, given);
    if (!row || !matches)
      throw new DomainError('dossier.lookup-not-found', 'No dossier with this code and secret', 'not-found');
    return CitizenDossierDto.from(row);
  }
}
