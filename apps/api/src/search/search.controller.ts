import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { DossierSearchPageDto } from './dto/dossier-search-page.dto';
import { SearchDossiersQueryDto } from './dto/search-dossiers-query.dto';
import { SearchDossiersUseCase } from './search-dossiers.use-case';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searches: SearchDossiersUseCase) {}

  @Get('dossiers')
  @Roles('desk_officer', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      'Search dossiers in your scope by code, applicant name (accent-insensitive), identity number, phone, procedure, status, dates',
  })
  @ApiOkResponse({ type: DossierSearchPageDto })
  search(@CurrentActor() actor: Actor, @Query() query: SearchDossiersQueryDto): Promise<DossierSearchPageDto> {
    return this.searches.search(actor, query);
  }
}
