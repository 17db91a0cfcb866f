# Builds either host image: docker build --build-arg PROJECT=G5kFw.Api (or G5kFw.Worker) .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /source
COPY . .
RUN dotnet publish "src/${PROJECT}/${PROJECT}.csproj" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG PROJECT
ENV HOST_ASSEMBLY=${PROJECT}.dll
# The Worker's firewall agents call nft and libnftables on the firewall host.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nftables libnftables1 conntrack iproute2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["sh", "-c", "exec dotnet \"$HOST_ASSEMBLY\""]
