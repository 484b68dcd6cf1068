// GraphiQL for ordergraph: queries over HTTP, subscriptions over websockets (graphql-transport-ws).
// The API key goes in the Headers pane: {"Authorization": "Bearer <key>"}; it is kept by GraphiQL
// in the browser's storage, never in the URL.
(function () {
  "use strict";
  const EXAMPLE_QUERY = `# ordergraph GraphiQL. Put your API key in the Headers pane below:
#   {"Authorization": "Bearer og_..."}
# then run (Ctrl-Enter):
query Me {
  me { name role permissions }
}
`;
  const url = window.location.origin + "/graphql";
  const subscriptionUrl = url.replace(/^http/, "ws");
  const fetcher = GraphiQL.createFetcher({ url, subscriptionUrl });
  const explorer = GraphiQLPluginExplorer.explorerPlugin();

  function App() {
    return React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: EXAMPLE_QUERY,
      defaultEditorToolsVisibility: true,
      plugins: [explorer],
      inputValueDeprecation: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(App));
})();
