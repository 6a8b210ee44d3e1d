import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import {
  computeIndicators,
  DEFAULT_INDICATOR_RULE_SET_ID,
  DEFAULT_INDICATOR_TARGET_SET_ID,
  getIndicatorRuleSet,
  getIndicatorTargetSet,
} from '@motcua/domain';
import { loadIndicatorInput } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { IndicatorQueryDto } from './dto/indicator-query.dto';
import { IndicatorsResponseDto } from './dto/indicators-response.dto';
import { IndicatorScopeResolver } from './indicator-scope';

/** GET /indicators: the indicators of a period and scope, from the projections (cost independent of history). */
@Injectable()
export class IndicatorsUseCase {
  private readonly ruleSet = getIndicatorRuleSet(DEFAULT_INDICATOR_RULE_SET_ID);
  private readonly targets;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IndicatorScopeResolver) private readonly scopes: IndicatorScopeResolver,
    @Inject(MotcuaConfig) config: MotcuaConfig,
  ) {
    this.targets = getIndicatorTargetSet(config.INDICATOR_TARGET_SET || DEFAULT_INDICATOR_TARGET_SET_ID);
  }

  async compute(actor: Actor, query: IndicatorQueryDto): Promise<IndicatorsResponseDto> {
    const period = this.scopes.period(query.from, query.to);
    const scope = await this.scopes.scope(actor, query);
    const input = await loadIndicatorInput(this.dataSource.manager, period, scope);
    return {
      from: period.fromDay,
      to: period.requestedToDay,
      ruleSet: this.ruleSet.id,
      targetSet: this.targets.id,
      indicators: computeIndicators(input, this.ruleSet, this.targets),
    };
  }
}
