// The assistant on Azure: a Linux Web App running the container image from an Azure Container
// Registry, a single-tenant Azure Bot pointing at it with the Teams channel on, a Key Vault
// holding every secret, and Application Insights receiving its traces, metrics and logs. The
// Entra ID app registration is created beforehand (see README.md).

@description('Azure region of the plan, the web app and the key vault (the bot itself is global).')
param location string = resourceGroup().location

@description('Name of the web app; also the host name https://<appName>.azurewebsites.net.')
@minLength(2)
@maxLength(60)
param appName string

@description('Existing Azure Container Registry in this resource group holding the image.')
param containerRegistryName string

@description('Image in that registry, repository:tag, e.g. iom-assistant:1.0.0.')
param containerImage string

@description('App Service plan size: B1 for one instance; S1 or a Premium v3 size to run several.')
@allowed(['B1', 'B2', 'S1', 'S2', 'P0v3', 'P1v3'])
param planSku string = 'B1'

@description('Web app instances. Above 1, Slack deduplication needs redisConnectionString.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier: F0 is free for the standard channels, Teams included.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Application (client) id of the single-tenant app registration of the bot.')
param botAppId string

@description('Directory (tenant) id of that app registration.')
param botTenantId string = tenant().tenantId

@description('Client secret of that app registration.')
@secure()
param botAppPassword string

@description('Slack app signing secret; empty leaves the Slack endpoints off.')
@secure()
param slackSigningSecret string = ''

@description('Slack bot token (xoxb-...); required with the signing secret.')
@secure()
param slackBotToken string = ''

@description('Slack app-level token (xapp-..., connections:write) for Socket Mode instead of the request URLs; needs slackBotToken, not the signing secret.')
@secure()
param slackAppToken string = ''

@description('Send traces, metrics and logs to a new Application Insights resource (workspace-based).')
param enableApplicationInsights bool = true

@description('OTLP endpoint of an OpenTelemetry collector (e.g. http://collector:4317) to send the same telemetry to; empty sends none over OTLP.')
param otlpEndpoint string = ''

@description('Redis for Slack deduplication across instances, e.g. name.redis.cache.windows.net:6380,password=...,ssl=true; empty keeps it per instance.')
@secure()
param redisConnectionString string = ''

var suffix = uniqueString(resourceGroup().id, appName)
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

// App Service resolves these when the app starts; the identity below reads them.
func keyVaultReference(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: containerRegistryName
}

// One identity, created and granted its roles before the web app exists, so the first start
// already pulls the image and resolves the secrets (a system-assigned identity could only be
// granted them after the app had started without them).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${appName}-identity'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv${suffix}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
  }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'slack-bot-token'
  properties: {
    value: slackBotToken
  }
}

resource slackAppTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackAppToken)) {
  parent: vault
  name: 'slack-app-token'
  properties: {
    value: slackAppToken
  }
}

resource redisSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(redisConnectionString)) {
  parent: vault
  name: 'redis-connection-string'
  properties: {
    value: redisConnectionString
  }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource pullImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${appName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: planSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// Each Slack secret only when given: the app then refuses to start with one but not the other,
// naming the missing setting.
var slackSettings = concat(
  empty(slackSigningSecret) ? [] : [{ name: 'Slack__SigningSecret', value: keyVaultReference(vault.name, 'slack-signing-secret') }],
  empty(slackBotToken) ? [] : [{ name: 'Slack__BotToken', value: keyVaultReference(vault.name, 'slack-bot-token') }],
  empty(slackAppToken) ? [] : [{ name: 'Slack__AppToken', value: keyVaultReference(vault.name, 'slack-app-token') }]
)

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableApplicationInsights) {
  name: '${appName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: '${appName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// The app exports with OpenTelemetry: to Application Insights by its connection string, and over
// OTLP to a collector when one is given (see README.md, Observability).
var telemetrySettings = concat(
  enableApplicationInsights ? [{ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }] : [],
  empty(otlpEndpoint) ? [] : [{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint }]
)

var redisSettings = empty(redisConnectionString) ? [] : [
  { name: 'Redis__ConnectionString', value: keyVaultReference(vault.name, 'redis-connection-string') }
]

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOCKER|${registry.properties.loginServer}/${containerImage}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identity.properties.clientId
      alwaysOn: true
      // App Service takes an instance out of the load balancer when this stops answering 200.
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat([
        { name: 'WEBSITES_PORT', value: '3978' }
        // Nothing is kept on the shared /home storage: SQLite must not live on a network share.
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'false' }
        { name: 'Knowledge__Path', value: '/data/knowledge' }
        { name: 'Knowledge__IndexPath', value: '/data/index' }
        { name: 'Store__SqlitePath', value: '/data/store/assistant.db' }
        { name: 'Bot__MicrosoftAppId', value: botAppId }
        { name: 'Bot__MicrosoftAppTenantId', value: botTenantId }
        { name: 'Bot__MicrosoftAppType', value: 'SingleTenant' }
        { name: 'Bot__MicrosoftAppPassword', value: keyVaultReference(vault.name, 'bot-app-password') }
      ], slackSettings, redisSettings, telemetrySettings)
    }
  }
  dependsOn: [
    readSecrets
    pullImages
    botPasswordSecret
    slackSigningSecretSecret
    slackBotTokenSecret
    slackAppTokenSecret
    redisSecret
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${appName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'IOM Assistant'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: 'SingleTenant'
    msaAppId: botAppId
    msaAppTenantId: botTenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('Where the bot answers.')
output appUrl string = 'https://${app.properties.defaultHostName}'

@description('The Azure Bot messaging endpoint (Teams).')
output messagingEndpoint string = bot.properties.endpoint

@description('Base of the Slack request URLs to put in the Slack app manifest.')
output slackRequestUrlBase string = 'https://${app.properties.defaultHostName}/slack'

@description('Key Vault holding the secrets; rotate a secret there, then restart the app.')
output keyVaultName string = vault.name
