{{/* Name of the operator's objects: the release name, within DNS limits. */}}
{{- define "gomall-operator.name" -}}
{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "gomall-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "gomall-operator.selectorLabels" . }}
app.kubernetes.io/part-of: gomall
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "gomall-operator.selectorLabels" -}}
app.kubernetes.io/name: gomall-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "gomall-operator.image" -}}
{{- $img := .Values.image -}}
{{- $repo := $img.repository -}}
{{- if $img.registry -}}{{- $repo = printf "%s/%s" $img.registry $repo -}}{{- end -}}
{{ printf "%s:%s" $repo (default .Chart.AppVersion $img.tag) }}
{{- end -}}

{{/* The namespace whose Malls the operator keeps: watchNamespace, or the release's own. */}}
{{- define "gomall-operator.watchNamespace" -}}
{{ .Values.watchNamespace | default .Release.Namespace }}
{{- end -}}

{{/* matchLabels as the operator's `key=value,key=value` selector variables. */}}
{{- define "gomall-operator.selector" -}}
{{- $pairs := list -}}
{{- range $key, $value := . -}}{{- $pairs = append $pairs (printf "%s=%s" $key $value) -}}{{- end -}}
{{ join "," $pairs }}
{{- end -}}
