import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DeliveryController } from './delivery.controller';
import { DossierDeliveryUseCase } from './dossier-delivery.use-case';
import { OnlineResultUseCase } from './online-result.use-case';
import { postalCarrierProvider } from './postal-carrier.provider';
import { PostalSandboxController } from './postal-sandbox.controller';
import { PostalWebhookController } from './postal-webhook.controller';
import { PostalWebhookUseCase } from './postal-webhook.use-case';
import { PublicResultsController } from './public-results.controller';

/** The HTTP side of returning results: desk hand-over, online links, carrier webhooks and the sandbox carrier. */
@Module({
  imports: [DocumentsModule],
  controllers: [DeliveryController, PublicResultsController, PostalWebhookController, PostalSandboxController],
  providers: [postalCarrierProvider, DossierDeliveryUseCase, OnlineResultUseCase, PostalWebhookUseCase],
})
export class DeliveryApiModule {}
