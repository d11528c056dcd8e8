{{/* The chart's name, or nameOverride. */}}
{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource names: fullnameOverride, or release-chart (just the release when it already says switchboard). */}}
{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "switchboard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "switchboard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "switchboard.configMapName" -}}
{{- default (include "switchboard.fullname" .) .Values.existingConfigMap }}
{{- end }}

{{/*
The router config: the user's `config` with the listener settings the pod needs laid over it (every interface,
the chart's ports, the shutdown drain). Chart values win, so the probes and the Service always match the ports.
*/}}
{{- define "switchboard.config" -}}
{{- $cfg := deepCopy .Values.config }}
{{- $server := dict "host" "0.0.0.0" "port" (int .Values.server.port) "shutdown_quiet_period" .Values.server.shutdownQuietPeriod "shutdown_timeout" .Values.server.shutdownTimeout }}
{{- $_ := set $cfg "server" (merge $server (default dict $cfg.server)) }}
{{- $admin := dict "enabled" .Values.admin.enabled "host" "0.0.0.0" "port" (int .Values.admin.port) }}
{{- $_ := set $cfg "admin" (merge $admin (default dict $cfg.admin)) }}
{{- if .Values.extproc.enabled }}
{{- $extproc := dict "enabled" true "host" "0.0.0.0" "port" (int .Values.extproc.port) }}
{{- $_ := set $cfg "extproc" (merge $extproc (default dict $cfg.extproc)) }}
{{- end }}
{{- toYaml $cfg }}
{{- end }}
