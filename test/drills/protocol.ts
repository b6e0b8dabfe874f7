/** Lines of the drill child's stdout that belong to the drill protocol start with this. */
export const PROTOCOL_PREFIX = '@@drill ';
