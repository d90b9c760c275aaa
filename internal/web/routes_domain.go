package web

// domainRoutes registers the routes of the domain areas (applications, catalog, annual
// reports, appeals). Each area adds one call here and keeps its handlers in its own files.
func (s *Server) domainRoutes() {
	s.appealRoutes()
	s.applicationRoutes()
	s.reportRoutes()
	s.govReportRoutes()
	s.oversightRoutes()
	s.passwordRoutes()
	s.catalogRoutes()
	s.portalCatalogRoutes()
	s.portalColumnRoutes()
	s.interactionRoutes()
	s.foiPublicRoutes()
	s.auditRoutes()
}
