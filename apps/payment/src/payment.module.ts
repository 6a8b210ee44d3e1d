import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PlatformModule } from '@motcua/platform';
import { PAYMENT_QUEUE } from '@motcua/queues';
import { PaymentProcessor } from './payment.processor';

/** Fees: consumes the `payment` queue (requests, gateway callbacks, expiry, reconciliation); runs an outbox relay. */
@Module({})
export class PaymentModule {
  static forRoot(config: MotcuaConfig): DynamicModule {
    return {
      module: PaymentModule,
      imports: [
        PlatformModule.forRoot({ config, outboxRelay: true }),
        BullModule.registerQueue({ name: PAYMENT_QUEUE.name }),
      ],
      providers: [PaymentProcessor],
    };
  }
}
