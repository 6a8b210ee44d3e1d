import { Module } from '@nestjs/common';
import { TokenService } from './token.service';

/** Bearer-token verification, shared by the global guard and non-Nest routes (Bull Board). */
@Module({ providers: [TokenService], exports: [TokenService] })
export class TokenModule {}
