import { ArgumentMetadata, BadRequestException, HttpException, Logger, ValidationPipe } from '@nestjs/common';

/**
 * The global ValidationPipe (whitelist, forbid unknown keys, transform), made total: a validator or
 * transformer that throws on an input it did not expect (validator.js asserting a string, a number
 * conversion, a getter) refuses the input with 400 instead of answering 500. Such a throw is logged as a
 * warning: it names a DTO whose rules should say what they accept.
 */
export class SafeValidationPipe extends ValidationPipe {
  private readonly logger = new Logger('SafeValidationPipe');

  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A DTO body is an object: an array would be turned into (and validated as) one DTO per element.
    if (metadata.type === 'body' && Array.isArray(value) && this.toValidate(metadata))
      throw new BadRequestException({
        statusCode: 400,
        error: 'invalid-input',
        message: 'the body must be a JSON object',
      });
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      const where = `${metadata.type}${metadata.data ? ` ${metadata.data}` : ''}`;
      this.logger.warn(`validation of ${where} (${metadata.metatype?.name ?? 'unknown type'}) threw: ${String(error)}`);
      throw new BadRequestException({
        statusCode: 400,
        error: 'invalid-input',
        message: `the ${where} could not be validated: a value has an unexpected type or shape`,
      });
    }
  }
}
