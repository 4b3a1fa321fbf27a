{{/* Chart label value: name-version. */}}
{{- define "gomall.chart" -}}
{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* Name of a per-release object: <release>-<suffix>, within DNS limits. */}}
{{- define "gomall.name" -}}
{{ printf "%s-%s" .root.Release.Name .suffix | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* Labels every object gets; `component` is the service name (or db, redis, migrations…). */}}
{{- define "gomall.labels" -}}
helm.sh/chart: {{ include "gomall.chart" .root }}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: gomall
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{- end -}}

{{- define "gomall.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* One service's settings: serviceDefaults overlaid with services.<name> (as YAML). */}}
{{- define "gomall.serviceConfig" -}}
{{- $defaults := deepCopy .root.Values.serviceDefaults -}}
{{- $own := index .root.Values.services .name | default dict -}}
{{- toYaml (mergeOverwrite $defaults (deepCopy $own)) -}}
{{- end -}}

{{/* Names of the enabled services, in a stable order. */}}
{{- define "gomall.enabledServices" -}}
{{- $names := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if $svc.enabled -}}{{- $names = append $names $name -}}{{- end -}}
{{- end -}}
{{- toJson $names -}}
{{- end -}}

{{- define "gomall.image" -}}
{{- $img := .root.Values.image -}}
{{- $repo := printf "%s%s" $img.repositoryPrefix .name -}}
{{- if $img.registry -}}{{- $repo = printf "%s/%s" $img.registry $repo -}}{{- end -}}
{{ printf "%s:%s" $repo (default .root.Chart.AppVersion $img.tag) }}
{{- end -}}

{{/* A service's own database account Secret (db-user, db-password): yours, or `<release>-<service>-db`. */}}
{{- define "gomall.dbSecret" -}}
{{ index .root.Values.database.existingSecrets .name | default (include "gomall.name" (dict "root" .root "suffix" (printf "%s-db" .name))) }}
{{- end -}}
{{- define "gomall.redisSecret" -}}
{{ .Values.redis.existingSecret | default (printf "%s-redis" .Release.Name) }}
{{- end -}}
{{- define "gomall.mailSecret" -}}
{{ .Values.mail.existingSecret | default (printf "%s-mail" .Release.Name) }}
{{- end -}}
{{- define "gomall.jwtSecret" -}}
{{ .Values.jwt.existingSecret | default (printf "%s-jwt" .Release.Name) }}
{{- end -}}

{{/* A service's Dapr token Secrets (key `token`): daprd → app, and app → daprd. */}}
{{- define "gomall.appTokenSecret" -}}
{{ include "gomall.name" (dict "root" .root "suffix" (printf "%s-app-token" .name)) }}
{{- end -}}
{{- define "gomall.apiTokenSecret" -}}
{{ include "gomall.name" (dict "root" .root "suffix" (printf "%s-api-token" .name)) }}
{{- end -}}

{{- define "gomall.storefrontSecret" -}}
{{ .Values.storefront.existingSecret | default (printf "%s-storefront" .Release.Name) }}
{{- end -}}

{{- define "gomall.dbHost" -}}
{{ if .Values.devDatabase.enabled }}{{ printf "%s-mariadb" .Release.Name }}{{ else }}{{ required "database.host is required (or devDatabase.enabled)" .Values.database.host }}{{ end }}
{{- end -}}
{{- define "gomall.redisHost" -}}
{{ if .Values.devRedis.enabled }}{{ printf "%s-redis" .Release.Name }}{{ else }}{{ required "redis.host is required (or devRedis.enabled)" .Values.redis.host }}{{ end }}
{{- end -}}

{{/* The environment of a service container (and its migration Job). */}}
{{- define "gomall.env" -}}
{{- $root := .root -}}
{{- $cfg := .cfg -}}
- name: PORT
  value: {{ $cfg.port | quote }}
- name: LOG_LEVEL
  value: {{ $cfg.logLevel | quote }}
{{- include "gomall.dbEnv" . }}
{{- if has .name (list "gateway" "auth") }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef: { name: {{ include "gomall.redisSecret" $root }}, key: redis-url }
- name: JWT_KEYS
  valueFrom:
    secretKeyRef: { name: {{ include "gomall.jwtSecret" $root }}, key: jwt-keys }
- name: JWT_ISSUER
  value: {{ $root.Values.jwt.issuer | quote }}
- name: JWT_AUDIENCE
  value: {{ $root.Values.jwt.audience | quote }}
{{- end }}
{{- if and (eq .name "auth") $root.Values.jwt.currentKid }}
- name: JWT_CURRENT_KID
  value: {{ $root.Values.jwt.currentKid | quote }}
{{- end }}
{{- if eq .name "user" }}
{{- if $root.Values.admin.existingSecret }}
- name: GOMALL_ADMIN_EMAIL
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.admin.existingSecret }}, key: admin-email }
- name: GOMALL_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.admin.existingSecret }}, key: admin-password }
{{- else if not (hasKey $cfg.env "GOMALL_ADMIN_EMAIL") }}
- name: GOMALL_ADMIN_EMAIL
  # No first admin unless one is configured: the service refuses its development default.
  value: ""
{{- end }}
{{- end }}
{{- if has .name (list "gateway" "web") }}
- name: TRUSTED_PROXY_HOPS
  value: {{ $root.Values.ingress.trustedProxyHops | quote }}
{{- end }}
{{- with include "gomall.tracing" $root | fromYaml }}
{{- if or .otlpEndpoint .zipkinEndpoint }}
# OpenTelemetry's own variables (packages/kit/src/tracing): where spans go, and how many.
- name: OTEL_SERVICE_NAME
  value: {{ $.name | quote }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ .samplingRate | quote }}
{{- if .otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .otlpEndpoint | quote }}
{{- else }}
- name: OTEL_EXPORTER_ZIPKIN_ENDPOINT
  value: {{ .zipkinEndpoint | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq .name "notification" }}
- name: MAIL_FROM
  value: {{ $root.Values.mail.from | quote }}
- name: SHOP_URL
  value: {{ printf "%s://%s" (ternary "https" "http" (not (empty $root.Values.ingress.tls))) $root.Values.ingress.host | quote }}
{{- end }}
{{- if eq .name "web" }}
- name: COOKIE_KEYS
  valueFrom:
    secretKeyRef: { name: {{ include "gomall.storefrontSecret" $root }}, key: cookie-keys }
- name: SECURE_COOKIES
  value: {{ $root.Values.storefront.secureCookies | quote }}
{{- end }}
{{- range $key, $value := $cfg.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}


{{/* The database part of a service's environment: all a migration Job gets. */}}
{{- define "gomall.dbEnv" -}}
{{- $root := .root -}}
{{- $cfg := .cfg -}}
{{- if $cfg.database }}
- name: DB_HOST
  value: {{ include "gomall.dbHost" $root | quote }}
- name: DB_PORT
  value: {{ $root.Values.database.port | quote }}
- name: DB_USER
  valueFrom:
    secretKeyRef: { name: {{ include "gomall.dbSecret" (dict "root" $root "name" .name) }}, key: db-user }
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ include "gomall.dbSecret" (dict "root" $root "name" .name) }}, key: db-password }
- name: DB_MIGRATE_ON_START
  # Migrations run once per release in their own Job, never in every replica at once.
  value: {{ not $root.Values.migrations.enabled | quote }}
{{- end }}
{{- end -}}

{{/* Where spans go: tracing.*, or the dev Zipkin when that is on and tracing names no endpoint. */}}
{{- define "gomall.tracing" -}}
{{- $t := deepCopy .Values.tracing -}}
{{- if and .Values.devZipkin.enabled (not $t.otlpEndpoint) (not $t.zipkinEndpoint) -}}
{{- $_ := set $t "zipkinEndpoint" (printf "http://%s:9411/api/v2/spans" (include "gomall.name" (dict "root" . "suffix" "zipkin"))) -}}
{{- end -}}
{{- toYaml $t -}}
{{- end -}}
