/** Territory: places written by hand matched to the catalogs of localidades and colonias (limpieza de ubicaciones), and municipios as shapes. */
export { gazetteer, placeKey, resolvePlace, type Gazetteer, type Place, type PlaceContext, type PlaceOutcome, type PlaceProposal, type PlaceReason } from './places.ts';
export { municipioAt, municipioMap, neighbouringMunicipios, pointOutsideMunicipio, type MunicipioMap, type MunicipioShape } from './municipios.ts';
export { nameWords, typeAhead, typedFit, typedText, TYPEAHEAD_LIMIT, type Typed, type TypeAheadOptions } from './typeahead.ts';
